import { getCosineWithMinLrScheduleWithWarmupLrRate } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 5e-5 }], defaults: { lr: 5e-5 } };
const scheduler = getCosineWithMinLrScheduleWithWarmupLrRate(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, minLrRate: 0.05 });
console.log(optimizer.paramGroups[0]!.lr); // 5e-7: the warmup starts at 1 / 100 of the peak
for (let step = 0; step < 99; step++) scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0.00005: the peak, one step before the plain schedule's
