import { getLinearScheduleWithWarmup } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 5e-5 }] };
const scheduler = getLinearScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000 });
for (let step = 0; step < 100; step++) scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0.00005, the peak
