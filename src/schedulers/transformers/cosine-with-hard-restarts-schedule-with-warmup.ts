import type { Optimizer } from "../../core/optimizer.js";
import { num, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { FactorSchedule, resolveLinearWarmup, type LinearWarmup } from "./factor-schedule.js";
import { warmupTrainingSchema, type WarmupTrainingOptions } from "./options.js";

export interface CosineWithHardRestartsScheduleWithWarmupOptions extends WarmupTrainingOptions {
  /** Number of cosine cycles between the warmup and `num_training_steps`, each restarting at the peak. Default 1. */
  numCycles?: number;
}

interface Resolved extends LinearWarmup {
  /** `max(1, num_training_steps - num_warmup_steps)`. */
  decaySteps: number;
  numCycles: number;
}

/**
 * Hugging Face's `get_cosine_with_hard_restarts_schedule_with_warmup`: linear warmup from 0, then
 * `num_cycles` half-cosines from the peak to 0, each restarting at the peak; 0 from
 * `num_training_steps` on.
 */
export class CosineWithHardRestartsScheduleWithWarmup extends FactorSchedule<CosineWithHardRestartsScheduleWithWarmupOptions, Resolved> {
  static readonly schedulerType = "get_cosine_with_hard_restarts_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({ ...warmupTrainingSchema(), numCycles: z.optional(num()) }));

  constructor(optimizer: Optimizer, options: CosineWithHardRestartsScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: CosineWithHardRestartsScheduleWithWarmupOptions): Resolved {
    const { numWarmupSteps: warmup, numTrainingSteps: total, numCycles = 1 } = options;
    return { ...resolveLinearWarmup(warmup), decaySteps: Math.max(1, total - warmup), numCycles };
  }

  protected factor(t: number): number {
    const r = this.resolved;
    if (t < r.warmupSteps) return t / r.warmupDivisor;
    const progress = (t - r.warmupSteps) / r.decaySteps;
    if (progress >= 1.0) return 0.0;
    // Python's `% 1.0` takes the divisor's sign: JavaScript's `%` keeps the dividend's, so a negative remainder is shifted by 1.
    let cycle = (r.numCycles * progress) % 1.0;
    if (cycle < 0) cycle += 1.0;
    return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * cycle)));
  }
}

/**
 * `get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps, num_cycles=1, last_epoch=-1)`.
 * @example
 * const scheduler = getCosineWithHardRestartsScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, numCycles: 3 });
 */
export function getCosineWithHardRestartsScheduleWithWarmup(
  optimizer: Optimizer,
  options: CosineWithHardRestartsScheduleWithWarmupOptions,
): CosineWithHardRestartsScheduleWithWarmup {
  return new CosineWithHardRestartsScheduleWithWarmup(optimizer, options);
}
