import { getInverseSqrtSchedule } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 1e-3 }] };
const scheduler = getInverseSqrtSchedule(optimizer, { numWarmupSteps: 4000 });
for (let step = 0; step < 16_000; step++) scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0.0005: 1 / sqrt(16000 / 4000) of the peak
