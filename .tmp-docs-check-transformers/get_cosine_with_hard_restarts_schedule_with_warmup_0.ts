import { getCosineWithHardRestartsScheduleWithWarmup } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 5e-5 }] };
const scheduler = getCosineWithHardRestartsScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, numCycles: 3 });
for (let step = 0; step < 3400; step++) scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0.00005: the first restart, back at the peak
