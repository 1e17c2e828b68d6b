import type { Optimizer } from "../../core/optimizer.js";
import { num, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { SambaFlowSchedule } from "./run-length.js";
import { resolveWarmupDecay, warmupDecaySchema, type WarmupDecay, type WarmupDecayOptions } from "./warmup-decay.js";

export interface SambaFlowCosineScheduleWithWarmupOptions extends WarmupDecayOptions {
  /** Default 0.1: the decay ends at a tenth of the peak lr. */
  endLrRatio?: number;
  /** Waves of the cosine; 0.5 (the default, what SambaFlow passes) is one half-cosine down. */
  numCycles?: number;
}

interface Resolved extends WarmupDecay {
  endLrRatio: number;
  /** `(1 - endLrRatio) * 0.5`. */
  halfSpan: number;
  /** `pi * 2 * numCycles`. */
  angle: number;
}

/**
 * SambaFlow's `cosine_schedule_with_warmup`: linear warmup from 0 over `warmup_steps`, then a
 * cosine from the peak down to `end_lr_ratio * peak` at `max_steps`, held there afterwards:
 * `r + (1 - r) * 0.5 * (1 + cos(pi * 2 * num_cycles * p))` with `p = min(1, (step - W) / max(1, T - W))`.
 * @example
 * const scheduler = new SambaFlowCosineScheduleWithWarmup(optimizer, { warmupSteps: 100, maxSteps: 1000 });
 */
export class SambaFlowCosineScheduleWithWarmup extends SambaFlowSchedule<SambaFlowCosineScheduleWithWarmupOptions, Resolved> {
  static readonly schedulerType = "cosine_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({ ...warmupDecaySchema(), numCycles: z.optional(num()) }));

  constructor(optimizer: Optimizer, options: SambaFlowCosineScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: SambaFlowCosineScheduleWithWarmupOptions): Resolved {
    const endLrRatio = options.endLrRatio ?? 0.1;
    return {
      ...resolveWarmupDecay(options),
      endLrRatio,
      // Both products are left-associated in the formula, so folding them here changes no bit.
      halfSpan: (1 - endLrRatio) * 0.5,
      angle: Math.PI * 2 * (options.numCycles ?? 0.5),
    };
  }

  protected factor(t: number): number {
    const r = this.resolved;
    if (t < r.warmupSteps) return t / r.warmupDivisor;
    const p = Math.min(1, (t - r.warmupSteps) / r.decaySteps);
    return r.endLrRatio + r.halfSpan * (1 + Math.cos(r.angle * p));
  }
}
