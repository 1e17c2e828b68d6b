import { InverseTimeDecay } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 0.1 }] };
const scheduler = new InverseTimeDecay(optimizer, { initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
for (let step = 0; step < 10; step++) scheduler.step();
console.log(scheduler.getLastLr()); // [0.1 / (1 + 0.5 * 10)]
