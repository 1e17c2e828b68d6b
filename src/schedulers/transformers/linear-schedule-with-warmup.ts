import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import { FactorSchedule, linearWarmup } from "./factor-schedule.js";
import { warmupTrainingSchema, type WarmupTrainingOptions } from "./options.js";

export type LinearScheduleWithWarmupOptions = WarmupTrainingOptions;

/**
 * Hugging Face's `get_linear_schedule_with_warmup`: linear warmup from 0, then a straight line down
 * to 0 at `num_training_steps`, where it stays.
 */
export class LinearScheduleWithWarmup extends FactorSchedule<LinearScheduleWithWarmupOptions> {
  static readonly schedulerType = "get_linear_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(warmupTrainingSchema);

  constructor(optimizer: Optimizer, options: LinearScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected factor(t: number): number {
    const { numWarmupSteps: warmup, numTrainingSteps: total } = this.options;
    if (t < warmup) return linearWarmup(t, warmup);
    return Math.max(0.0, (total - t) / Math.max(1, total - warmup));
  }
}

/**
 * `get_linear_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps, last_epoch=-1)`.
 * @example
 * const scheduler = getLinearScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000 });
 */
export function getLinearScheduleWithWarmup(optimizer: Optimizer, options: LinearScheduleWithWarmupOptions): LinearScheduleWithWarmup {
  return new LinearScheduleWithWarmup(optimizer, options);
}
