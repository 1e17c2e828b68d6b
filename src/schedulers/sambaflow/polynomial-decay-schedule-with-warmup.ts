import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import { SambaFlowSchedule } from "./run-length.js";
import { resolveWarmupDecay, warmupDecaySchema, type WarmupDecay, type WarmupDecayOptions } from "./warmup-decay.js";

export interface SambaFlowPolynomialDecayScheduleWithWarmupOptions extends WarmupDecayOptions {
  /** Default 0: the decay ends at 0. */
  endLrRatio?: number;
}

interface Resolved extends WarmupDecay {
  endLrRatio: number;
  /** `1 - endLrRatio`. */
  span: number;
}

/**
 * SambaFlow's `polynomial_decay_schedule_with_warmup`, linear despite its name: linear warmup from 0
 * over `warmup_steps`, then a straight line from the peak down to `end_lr_ratio * peak` at
 * `max_steps`, held there afterwards: `r + (1 - r) * (1 - p)`.
 * @example
 * const scheduler = new SambaFlowPolynomialDecayScheduleWithWarmup(optimizer, { warmupSteps: 50, maxSteps: 500 });
 */
export class SambaFlowPolynomialDecayScheduleWithWarmup extends SambaFlowSchedule<SambaFlowPolynomialDecayScheduleWithWarmupOptions, Resolved> {
  static readonly schedulerType = "polynomial_decay_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(warmupDecaySchema);

  constructor(optimizer: Optimizer, options: SambaFlowPolynomialDecayScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: SambaFlowPolynomialDecayScheduleWithWarmupOptions): Resolved {
    const endLrRatio = options.endLrRatio ?? 0.0;
    return { ...resolveWarmupDecay(options), endLrRatio, span: 1 - endLrRatio };
  }

  protected factor(t: number): number {
    const r = this.resolved;
    if (t < r.warmupSteps) return t / r.warmupDivisor;
    return r.endLrRatio + r.span * (1 - Math.min(1, (t - r.warmupSteps) / r.decaySteps));
  }
}
