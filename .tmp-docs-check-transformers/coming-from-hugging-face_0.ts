import { getCosineScheduleWithWarmup } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 5e-5 }] };
const scheduler = getCosineScheduleWithWarmup(optimizer, { numWarmupSteps: 500, numTrainingSteps: 10_000 });
for (let step = 0; step < 10_000; step++) {
  // ... forward, backward, optimizer update with optimizer.paramGroups[0].lr ...
  scheduler.step();
}
