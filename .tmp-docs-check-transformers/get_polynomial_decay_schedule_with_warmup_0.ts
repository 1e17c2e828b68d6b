import { getPolynomialDecayScheduleWithWarmup } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 1e-3 }], defaults: { lr: 1e-3 } };
const scheduler = getPolynomialDecayScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, lrEnd: 1e-5, power: 2 });
for (let step = 0; step < 10_000; step++) scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0.00001, lr_end
