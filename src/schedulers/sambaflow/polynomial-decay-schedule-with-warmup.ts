import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import * as z from "zod/mini";
import { linearWarmup } from "../transformers/factor-schedule.js";
import { SambaFlowSchedule } from "./run-length.js";
import { decayProgress, warmupDecaySchema, type WarmupDecayOptions } from "./warmup-decay.js";

export interface SambaFlowPolynomialDecayScheduleWithWarmupOptions extends WarmupDecayOptions {
  /** Default 0: the decay ends at 0. */
  endLrRatio?: number;
}

/**
 * SambaFlow's `polynomial_decay_schedule_with_warmup`, linear despite its name: linear warmup from 0
 * over `warmup_steps`, then a straight line from the peak down to `end_lr_ratio * peak` at
 * `max_steps`, held there afterwards: `r + (1 - r) * (1 - p)`.
 * @example
 * const scheduler = new SambaFlowPolynomialDecayScheduleWithWarmup(optimizer, { warmupSteps: 50, maxSteps: 500 });
 */
export class SambaFlowPolynomialDecayScheduleWithWarmup extends SambaFlowSchedule<SambaFlowPolynomialDecayScheduleWithWarmupOptions> {
  static readonly schedulerType = "polynomial_decay_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => z.strictObject(warmupDecaySchema));

  constructor(optimizer: Optimizer, options: SambaFlowPolynomialDecayScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected factor(t: number): number {
    const { warmupSteps, maxSteps, endLrRatio = 0.0 } = this.options;
    if (t < warmupSteps) return linearWarmup(t, warmupSteps);
    return endLrRatio + (1 - endLrRatio) * (1 - decayProgress(t, warmupSteps, maxSteps));
  }
}
