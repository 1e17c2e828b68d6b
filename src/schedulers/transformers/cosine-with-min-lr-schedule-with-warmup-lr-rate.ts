import type { Optimizer } from "../../core/optimizer.js";
import { num, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { FactorSchedule } from "./factor-schedule.js";
import { cosineWithFloor, minLrSchema, resolveMinLrRate, type MinLrOptions } from "./options.js";

export interface CosineWithMinLrScheduleWithWarmupLrRateOptions extends MinLrOptions {
  /** Fraction of the lr the warmup starts from; without it the warmup starts at `1 / num_warmup_steps`. */
  warmupLrRate?: number;
}

/**
 * Hugging Face's `get_cosine_with_min_lr_schedule_with_warmup_lr_rate`: the min-lr cosine shifted
 * one step earlier. Warmup `(step + 1) / W` (or `rate + (1 - rate) * step / max(1, W - 1)` with
 * `warmup_lr_rate`), so it reaches the peak at step `W - 1`; decay progress `(step - W + 1) / max(1, T - W)`.
 */
export class CosineWithMinLrScheduleWithWarmupLrRate extends FactorSchedule<
  CosineWithMinLrScheduleWithWarmupLrRateOptions,
  { minLrRate: number }
> {
  static readonly schedulerType = "get_cosine_with_min_lr_schedule_with_warmup_lr_rate";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({ ...minLrSchema(), warmupLrRate: z.optional(num()) }));

  constructor(optimizer: Optimizer, options: CosineWithMinLrScheduleWithWarmupLrRateOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: CosineWithMinLrScheduleWithWarmupLrRateOptions, optimizer: Optimizer): { minLrRate: number } {
    return { minLrRate: resolveMinLrRate(options, optimizer, CosineWithMinLrScheduleWithWarmupLrRate.schedulerType) };
  }

  protected factor(t: number): number {
    const { numWarmupSteps: warmup, numTrainingSteps: total, numCycles = 0.5, warmupLrRate } = this.options;
    if (t < warmup) {
      if (warmupLrRate === undefined) return (t + 1) / Math.max(1, warmup);
      return warmupLrRate + ((1.0 - warmupLrRate) * t) / Math.max(1, warmup - 1);
    }
    return cosineWithFloor((t - warmup + 1) / Math.max(1, total - warmup), numCycles, this.resolved.minLrRate);
  }
}

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
