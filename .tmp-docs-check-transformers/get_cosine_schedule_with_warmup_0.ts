import { getCosineScheduleWithWarmup } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 5e-5 }] };
const scheduler = getCosineScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000 });
for (let step = 0; step < 10_000; step++) scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0: the end of the half wave
