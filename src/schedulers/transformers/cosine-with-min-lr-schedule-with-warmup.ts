import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import { FactorSchedule, linearWarmup } from "./factor-schedule.js";
import { cosineWithFloor, minLrSchema, resolveMinLrRate, type MinLrOptions } from "./options.js";

export type CosineWithMinLrScheduleWithWarmupOptions = MinLrOptions;

/**
 * Hugging Face's `get_cosine_with_min_lr_schedule_with_warmup`: the cosine schedule with its floor
 * raised to `min_lr_rate` (or `min_lr / defaults.lr`). Like the plain cosine it is not stopped at
 * `num_training_steps`: past the end it rises again.
 */
export class CosineWithMinLrScheduleWithWarmup extends FactorSchedule<CosineWithMinLrScheduleWithWarmupOptions, { minLrRate: number }> {
  static readonly schedulerType = "get_cosine_with_min_lr_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(minLrSchema);

  constructor(optimizer: Optimizer, options: CosineWithMinLrScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: CosineWithMinLrScheduleWithWarmupOptions, optimizer: Optimizer): { minLrRate: number } {
    return { minLrRate: resolveMinLrRate(options, optimizer, CosineWithMinLrScheduleWithWarmup.schedulerType) };
  }

  protected factor(t: number): number {
    const { numWarmupSteps: warmup, numTrainingSteps: total, numCycles = 0.5 } = this.options;
    if (t < warmup) return linearWarmup(t, warmup);
    return cosineWithFloor((t - warmup) / Math.max(1, total - warmup), numCycles, this.resolved.minLrRate);
  }
}

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
