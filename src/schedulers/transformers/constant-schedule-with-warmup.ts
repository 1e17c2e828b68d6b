import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import { FactorSchedule, resolveLinearWarmup, type LinearWarmup } from "./factor-schedule.js";
import { warmupSchema, type WarmupOptions } from "./options.js";

export type ConstantScheduleWithWarmupOptions = WarmupOptions;

/**
 * Hugging Face's `get_constant_schedule_with_warmup`: linear warmup from 0 over `num_warmup_steps`,
 * then the group's initial lr.
 */
export class ConstantScheduleWithWarmup extends FactorSchedule<ConstantScheduleWithWarmupOptions, LinearWarmup> {
  static readonly schedulerType = "get_constant_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(warmupSchema);

  constructor(optimizer: Optimizer, options: ConstantScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: ConstantScheduleWithWarmupOptions): LinearWarmup {
    return resolveLinearWarmup(options.numWarmupSteps);
  }

  protected factor(t: number): number {
    const r = this.resolved;
    return t < r.warmupSteps ? t / r.warmupDivisor : 1.0;
  }
}

/**
 * `get_constant_schedule_with_warmup(optimizer, num_warmup_steps, last_epoch=-1)`.
 * @example
 * const scheduler = getConstantScheduleWithWarmup(optimizer, { numWarmupSteps: 500 });
 */
export function getConstantScheduleWithWarmup(optimizer: Optimizer, options: ConstantScheduleWithWarmupOptions): ConstantScheduleWithWarmup {
  return new ConstantScheduleWithWarmup(optimizer, options);
}
