import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import { CosineDecaySchedule } from "./cosine-schedule-with-warmup.js";
import { minLrSchema, resolveCosineDecay, resolveMinLrRate, type CosineDecay, type MinLrOptions } from "./options.js";

export type CosineWithMinLrScheduleWithWarmupOptions = MinLrOptions;

/**
 * Hugging Face's `get_cosine_with_min_lr_schedule_with_warmup`: the cosine schedule with its floor
 * raised to `min_lr_rate` (or `min_lr / defaults.lr`). Like the plain cosine it is not stopped at
 * `num_training_steps`: past the end it rises again.
 */
export class CosineWithMinLrScheduleWithWarmup extends CosineDecaySchedule<CosineWithMinLrScheduleWithWarmupOptions> {
  static readonly schedulerType = "get_cosine_with_min_lr_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(minLrSchema);

  constructor(optimizer: Optimizer, options: CosineWithMinLrScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: CosineWithMinLrScheduleWithWarmupOptions, optimizer: Optimizer): CosineDecay {
    return resolveCosineDecay(options, resolveMinLrRate(options, optimizer, CosineWithMinLrScheduleWithWarmup.schedulerType));
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
