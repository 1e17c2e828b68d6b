import type { Optimizer } from "../../core/optimizer.js";
import { positiveNumber, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { FactorSchedule, resolveLinearWarmup, type LinearWarmup } from "./factor-schedule.js";
import { warmupSchema, type WarmupOptions } from "./options.js";

export interface InverseSqrtScheduleOptions extends WarmupOptions {
  /** Time scale of the decay; default `num_warmup_steps`, or 10000 when that is 0. */
  timescale?: number;
}

interface Resolved extends LinearWarmup {
  timescale: number;
  /** `timescale - num_warmup_steps`. */
  shift: number;
}

/**
 * Hugging Face's `get_inverse_sqrt_schedule`: linear warmup from 0, then
 * `1 / sqrt((step + timescale - num_warmup_steps) / timescale)`.
 */
export class InverseSqrtSchedule extends FactorSchedule<InverseSqrtScheduleOptions, Resolved> {
  static readonly schedulerType = "get_inverse_sqrt_schedule";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({ ...warmupSchema(), timescale: z.optional(positiveNumber()) }));

  constructor(optimizer: Optimizer, options: InverseSqrtScheduleOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: InverseSqrtScheduleOptions): Resolved {
    const warmup = options.numWarmupSteps;
    const timescale = options.timescale ?? (warmup || 10_000);
    return { ...resolveLinearWarmup(warmup), timescale, shift: timescale - warmup };
  }

  protected factor(t: number): number {
    const r = this.resolved;
    if (t < r.warmupSteps) return t / r.warmupDivisor;
    return 1.0 / Math.sqrt((t + r.shift) / r.timescale);
  }
}

/**
 * `get_inverse_sqrt_schedule(optimizer, num_warmup_steps, timescale=None, last_epoch=-1)`.
 * @example
 * const scheduler = getInverseSqrtSchedule(optimizer, { numWarmupSteps: 4000 });
 */
export function getInverseSqrtSchedule(optimizer: Optimizer, options: InverseSqrtScheduleOptions): InverseSqrtSchedule {
  return new InverseSqrtSchedule(optimizer, options);
}
