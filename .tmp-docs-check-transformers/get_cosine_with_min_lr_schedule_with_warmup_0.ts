import { getCosineWithMinLrScheduleWithWarmup } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 5e-5 }], defaults: { lr: 5e-5 } };
const scheduler = getCosineWithMinLrScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, minLrRate: 0.1 });
for (let step = 0; step < 10_000; step++) scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0.000005: a tenth of the peak
