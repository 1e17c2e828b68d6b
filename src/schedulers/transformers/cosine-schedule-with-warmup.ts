import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import { FactorSchedule } from "./factor-schedule.js";
import { cosineSchema, resolveCosineDecay, type CosineDecay, type CosineOptions } from "./options.js";

export type CosineScheduleWithWarmupOptions = CosineOptions;

/**
 * The cosine decay after a linear warmup that `get_cosine_schedule_with_warmup` and
 * `get_cosine_with_min_lr_schedule_with_warmup` share: `max(0, cosine * (1 - min_lr_rate) + min_lr_rate)`.
 */
export abstract class CosineDecaySchedule<O extends CosineOptions> extends FactorSchedule<O, CosineDecay> {
  protected factor(t: number): number {
    const r = this.resolved;
    if (t < r.warmupSteps) return t / r.warmupDivisor;
    // Written out rather than through a shared helper: measured twice as fast at one group in Node 20.
    const factor = 0.5 * (1.0 + Math.cos(r.angle * ((t - r.warmupSteps) / r.decaySteps)));
    return Math.max(0, factor * r.span + r.minLrRate);
  }
}

/**
 * Hugging Face's `get_cosine_schedule_with_warmup`: linear warmup from 0, then
 * `0.5 * (1 + cos(pi * num_cycles * 2 * progress))`. Nothing stops it at `num_training_steps`:
 * past the end the cosine rises again (only negative values are clamped to 0), as in Python.
 */
export class CosineScheduleWithWarmup extends CosineDecaySchedule<CosineScheduleWithWarmupOptions> {
  static readonly schedulerType = "get_cosine_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(cosineSchema);

  constructor(optimizer: Optimizer, options: CosineScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: CosineScheduleWithWarmupOptions): CosineDecay {
    return resolveCosineDecay(options, 0);
  }
}

/**
 * `get_cosine_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps, num_cycles=0.5, last_epoch=-1)`.
 * @example
 * const scheduler = getCosineScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000 });
 */
export function getCosineScheduleWithWarmup(optimizer: Optimizer, options: CosineScheduleWithWarmupOptions): CosineScheduleWithWarmup {
  return new CosineScheduleWithWarmup(optimizer, options);
}
