import { getConstantScheduleWithWarmup } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 5e-5 }] };
const scheduler = getConstantScheduleWithWarmup(optimizer, { numWarmupSteps: 500 });
for (let step = 0; step < 1000; step++) scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0.00005
