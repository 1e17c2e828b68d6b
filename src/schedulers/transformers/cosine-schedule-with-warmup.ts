import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import { FactorSchedule, linearWarmup } from "./factor-schedule.js";
import { cosineSchema, cosineWithFloor, type CosineOptions } from "./options.js";

export type CosineScheduleWithWarmupOptions = CosineOptions;

/**
 * Hugging Face's `get_cosine_schedule_with_warmup`: linear warmup from 0, then
 * `0.5 * (1 + cos(pi * num_cycles * 2 * progress))`. Nothing stops it at `num_training_steps`:
 * past the end the cosine rises again (only negative values are clamped to 0), as in Python.
 */
export class CosineScheduleWithWarmup extends FactorSchedule<CosineScheduleWithWarmupOptions> {
  static readonly schedulerType = "get_cosine_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(cosineSchema);

  constructor(optimizer: Optimizer, options: CosineScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected factor(t: number): number {
    const { numWarmupSteps: warmup, numTrainingSteps: total, numCycles = 0.5 } = this.options;
    if (t < warmup) return linearWarmup(t, warmup);
    return cosineWithFloor((t - warmup) / Math.max(1, total - warmup), numCycles, 0);
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
