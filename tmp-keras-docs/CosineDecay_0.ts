import { CosineDecay } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 0 }] };
// 1000 warmup steps from 0 to 0.1, then 9000 steps of cosine down to 0
const scheduler = new CosineDecay(optimizer, { initialLearningRate: 0, decaySteps: 9000, warmupTarget: 0.1, warmupSteps: 1000 });
scheduler.step(500);
console.log(scheduler.getLastLr()); // [0.05]
scheduler.step(1000);
console.log(scheduler.getLastLr()); // [0.1]
