import { SambaFlowCosineScheduleWithWarmup, createScheduler } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 3e-4 }] };
const scheduler = new SambaFlowCosineScheduleWithWarmup(optimizer, { warmupSteps: 100, maxSteps: 10_000, stepsThisRun: 2_000 });
for (let step = scheduler.lastEpoch; step < scheduler.stepsThisRun!; step++) scheduler.step();
console.log(scheduler.lastEpoch, optimizer.paramGroups[0]!.lr); // 2000, on the way down
// or from the command-line arguments' names:
const same = createScheduler({ paramGroups: [{ lr: 3e-4 }] }, { type: "cosine_schedule_with_warmup", params: { warmup_steps: 100, max_steps: 10000, steps_this_run: 2000 } });
console.log(same.scheduleAt(0, 10_000)); // 0.00003: end_lr_ratio 0.1 of the peak
