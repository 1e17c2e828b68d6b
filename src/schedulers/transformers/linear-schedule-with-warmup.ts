import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import { FactorSchedule, resolveLinearWarmup, type LinearWarmup } from "./factor-schedule.js";
import { warmupTrainingSchema, type WarmupTrainingOptions } from "./options.js";

export type LinearScheduleWithWarmupOptions = WarmupTrainingOptions;

interface Resolved extends LinearWarmup {
  total: number;
  /** `max(1, num_training_steps - num_warmup_steps)`. */
  decaySteps: number;
}

/**
 * Hugging Face's `get_linear_schedule_with_warmup`: linear warmup from 0, then a straight line down
 * to 0 at `num_training_steps`, where it stays.
 */
export class LinearScheduleWithWarmup extends FactorSchedule<LinearScheduleWithWarmupOptions, Resolved> {
  static readonly schedulerType = "get_linear_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(warmupTrainingSchema);

  constructor(optimizer: Optimizer, options: LinearScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: LinearScheduleWithWarmupOptions): Resolved {
    const { numWarmupSteps: warmup, numTrainingSteps: total } = options;
    return { ...resolveLinearWarmup(warmup), total, decaySteps: Math.max(1, total - warmup) };
  }

  protected factor(t: number): number {
    const r = this.resolved;
    if (t < r.warmupSteps) return t / r.warmupDivisor;
    return Math.max(0.0, (r.total - t) / r.decaySteps);
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
