import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { minLrOptions, minLrRateOf, optionalNumber } from "./options.js";

const TYPE = "get_cosine_with_min_lr_schedule_with_warmup_lr_rate" as const;

/**
 * Hugging Face's `get_cosine_with_min_lr_schedule_with_warmup_lr_rate`: the min-lr cosine shifted
 * one step earlier. Warmup `(step + 1) / W` (or `rate + (1 - rate) * step / max(1, W - 1)` with
 * `warmup_lr_rate`), so it reaches the peak at step `W - 1`; decay progress `(step - W + 1) / max(1, T - W)`.
 * @example
 * const scheduler = new CosineWithMinLrScheduleWithWarmupLrRate(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, minLrRate: 0.05 });
 */
export const CosineWithMinLrScheduleWithWarmupLrRate = /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: TYPE,
    family: "transformers",
    options: () => ({
      ...minLrOptions(),
      /** Where the warmup starts, as a fraction of the lr; absent (or null): the warmup starts at `1 / num_warmup_steps`. */
      warmupLrRate: optionalNumber(),
    }),
    factor: (o, context) => {
      const minLrRate = minLrRateOf(TYPE, o, context);
      const warmup = o.numWarmupSteps;
      const warmupDivisor = Math.max(1, warmup);
      const decaySteps = Math.max(1, o.numTrainingSteps - warmup);
      const angle = Math.PI * o.numCycles * 2.0;
      const span = 1 - minLrRate;
      const progressAt = (t: number) => (t - warmup + 1) / decaySteps;
      const decay = (t: number) => Math.max(0, 0.5 * (1.0 + Math.cos(angle * progressAt(t))) * span + minLrRate);
      const rate = o.warmupLrRate;
      if (rate === undefined || rate === null) return (t) => (t < warmup ? (t + 1) / warmupDivisor : decay(t));
      const rateSpan = 1.0 - rate;
      const rateDivisor = Math.max(1, warmup - 1);
      return (t) => (t < warmup ? rate + (rateSpan * t) / rateDivisor : decay(t));
    },
  }),
);
export type CosineWithMinLrScheduleWithWarmupLrRate = InstanceType<typeof CosineWithMinLrScheduleWithWarmupLrRate>;
export type CosineWithMinLrScheduleWithWarmupLrRateOptions = SchedulerOptions<typeof CosineWithMinLrScheduleWithWarmupLrRate>;

/**
 * `get_cosine_with_min_lr_schedule_with_warmup_lr_rate(optimizer, num_warmup_steps, num_training_steps, num_cycles=0.5, last_epoch=-1, min_lr=None, min_lr_rate=None, warmup_lr_rate=None)`.
 * @example
 * const scheduler = getCosineWithMinLrScheduleWithWarmupLrRate(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, minLrRate: 0.05 });
 */
export function getCosineWithMinLrScheduleWithWarmupLrRate(
  optimizer: Optimizer,
  options: CosineWithMinLrScheduleWithWarmupLrRateOptions,
): CosineWithMinLrScheduleWithWarmupLrRate {
  return new CosineWithMinLrScheduleWithWarmupLrRate(optimizer, options);
}
