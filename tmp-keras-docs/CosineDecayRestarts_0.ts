import { CosineDecayRestarts } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 0.1 }] };
// periods of 10, 20, 40 steps: restarts at steps 10, 30 and 70
const scheduler = new CosineDecayRestarts(optimizer, { initialLearningRate: 0.1, firstDecaySteps: 10 });
scheduler.step(30);
console.log(scheduler.getLastLr()); // [0.1], the top of the third period
