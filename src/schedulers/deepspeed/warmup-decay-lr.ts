import { deepspeedIterations } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { num } from "../../core/schema.js";
import { deepspeedDialect, lastBatchIterationOption, warmupLrForm, warmupLrOptions } from "./common.js";

/**
 * DeepSpeed's `WarmupDecayLR`: WarmupLR's warmup, then a linear decay back to `warmup_min_lr` at
 * `total_num_steps`: `gamma = max(0, (total - it) / max(1, total - n))`, `n = max(2, warmup_num_steps)`.
 * A `total_num_steps` below `n` runs as in DeepSpeed (the lr drops to `warmup_min_lr` after the
 * warmup), with a `"total-steps-within-warmup"` warning.
 * @example
 * const optimizer = { paramGroups: [{ lr: 3e-4 }] };
 * const scheduler = new WarmupDecayLR(optimizer, { totalNumSteps: 10000, warmupMaxLr: 3e-4, warmupNumSteps: 500 });
 * scheduler.step(5250); // halfway down: lr 1.5e-4
 */
export const WarmupDecayLR = /* @__PURE__ */ defineSchedule({
  type: "WarmupDecayLR",
  family: "deepspeed",
  counter: deepspeedIterations,
  base: "lr",
  options: () => ({
    /** The iteration at which the decay reaches `warmup_min_lr` (`total_num_steps`). */
    totalNumSteps: num(),
    ...warmupLrOptions(),
    ...lastBatchIterationOption(),
  }),
  build: (o, ctx) => {
    const total = o.totalNumSteps;
    const n = Math.max(2, o.warmupNumSteps);
    if (total < n) {
      ctx.warn(
        "total-steps-within-warmup",
        `total_num_steps ${total} is less than warmup_num_steps ${o.warmupNumSteps}: the lr drops to warmup_min_lr after the warmup (DeepSpeed only warns, too).`,
      );
    }
    const decaySteps = Math.max(1, total - n);
    return warmupLrForm(o, ctx, (t) => Math.max(0, (total - t) / decaySteps));
  },
  reference: deepspeedDialect,
});

export type WarmupDecayLR = InstanceType<typeof WarmupDecayLR>;
export type WarmupDecayLROptions = SchedulerOptions<typeof WarmupDecayLR>;
