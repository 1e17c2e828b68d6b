import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { minLrOptions, minLrRateOf } from "./options.js";

const TYPE = "get_cosine_with_min_lr_schedule_with_warmup" as const;

/**
 * Hugging Face's `get_cosine_with_min_lr_schedule_with_warmup`: the cosine schedule with its floor
 * raised to `min_lr_rate` (or `min_lr / defaults.lr`):
 * `max(0, 0.5 * (1 + cos(pi * num_cycles * 2 * progress)) * (1 - r) + r)`. Like the plain cosine it
 * is not stopped at `num_training_steps`: past the end it rises again.
 * @example
 * const scheduler = new CosineWithMinLrScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, minLrRate: 0.1 });
 */
export const CosineWithMinLrScheduleWithWarmup = /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: TYPE,
    family: "transformers",
    options: minLrOptions,
    factor: (o, context) => {
      const minLrRate = minLrRateOf(TYPE, o, context);
      const warmup = o.numWarmupSteps;
      const warmupDivisor = Math.max(1, warmup);
      const decaySteps = Math.max(1, o.numTrainingSteps - warmup);
      // Left-associated in Python's formula: folding the constant changes no bit.
      const angle = Math.PI * o.numCycles * 2.0;
      const span = 1 - minLrRate;
      return (t) => {
        if (t < warmup) return t / warmupDivisor;
        const progress = (t - warmup) / decaySteps;
        const factor = 0.5 * (1.0 + Math.cos(angle * progress));
        return Math.max(0, factor * span + minLrRate);
      };
    },
  }),
);
export type CosineWithMinLrScheduleWithWarmup = InstanceType<typeof CosineWithMinLrScheduleWithWarmup>;
export type CosineWithMinLrScheduleWithWarmupOptions = SchedulerOptions<typeof CosineWithMinLrScheduleWithWarmup>;

/**
 * `get_cosine_with_min_lr_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps, num_cycles=0.5, last_epoch=-1, min_lr=None, min_lr_rate=None)`.
 * @example
 * const scheduler = getCosineWithMinLrScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, minLrRate: 0.1 });
 */
export function getCosineWithMinLrScheduleWithWarmup(
  optimizer: Optimizer,
  options: CosineWithMinLrScheduleWithWarmupOptions,
): CosineWithMinLrScheduleWithWarmup {
  return new CosineWithMinLrScheduleWithWarmup(optimizer, options);
}
