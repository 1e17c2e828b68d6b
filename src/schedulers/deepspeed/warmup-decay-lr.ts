import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { nonNegativeInt, lazySchema } from "../../core/schema.js";
import { deepspeedCommonOptions } from "./base.js";
import { WarmupScheduler, warmupOptions, type DeepSpeedWarmupOptions, type WarmupResolved } from "./warmup-base.js";

export interface WarmupDecayLROptions extends DeepSpeedWarmupOptions {
  /** Iteration at which the linear decay reaches `warmup_min_lr` (`total_num_steps`). Required; at least `warmup_num_steps`. */
  totalNumSteps: number;
}

interface Resolved extends WarmupResolved {
  total: number;
  /** `max(1, total - n)`, DeepSpeed's decay length. */
  decaySteps: number;
}

/**
 * DeepSpeed's `WarmupDecayLR`: WarmupLR's warmup, then a linear decay back to `warmup_min_lr`
 * at `total_num_steps`: `gamma = max(0, (total - it) / max(1, total - n))`.
 * DeepSpeed only logs a warning when `total_num_steps < warmup_num_steps`; here it is refused.
 * @example
 * const scheduler = new WarmupDecayLR(optimizer, { totalNumSteps: 10000, warmupMaxLr: 3e-4, warmupNumSteps: 500 });
 */
export class WarmupDecayLR extends WarmupScheduler<WarmupDecayLROptions, Resolved> {
  static readonly schedulerType = "WarmupDecayLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({ totalNumSteps: nonNegativeInt(), ...warmupOptions(), ...deepspeedCommonOptions }));

  constructor(optimizer: Optimizer, options: WarmupDecayLROptions) {
    super(optimizer, options);
  }

  protected override resolve(options: WarmupDecayLROptions, optimizer: Optimizer): Resolved {
    const lrs = this.resolveWarmupLrs(options, optimizer);
    const total = options.totalNumSteps;
    const warmupNumSteps = options.warmupNumSteps ?? 1000;
    if (total < warmupNumSteps) {
      throw new InvalidOptionError(this.type, "total_num_steps", total, `>= warmup_num_steps (${warmupNumSteps})`);
    }
    return { ...lrs, total, decaySteps: Math.max(1, total - lrs.warmup.steps) };
  }

  protected gammaAfterWarmup(t: number): number {
    return Math.max(0, (this.resolved.total - t) / this.resolved.decaySteps);
  }
}
