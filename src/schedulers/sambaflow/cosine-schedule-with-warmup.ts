import type { Optimizer } from "../../core/optimizer.js";
import { num, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { linearWarmup } from "../transformers/factor-schedule.js";
import { SambaFlowSchedule } from "./run-length.js";
import { decayProgress, warmupDecaySchema, type WarmupDecayOptions } from "./warmup-decay.js";

export interface SambaFlowCosineScheduleWithWarmupOptions extends WarmupDecayOptions {
  /** Default 0.1: the decay ends at a tenth of the peak lr. */
  endLrRatio?: number;
  /** Waves of the cosine; 0.5 (the default, what SambaFlow passes) is one half-cosine down. */
  numCycles?: number;
}

/**
 * SambaFlow's `cosine_schedule_with_warmup`: linear warmup from 0 over `warmup_steps`, then a
 * cosine from the peak down to `end_lr_ratio * peak` at `max_steps`, held there afterwards:
 * `r + (1 - r) * 0.5 * (1 + cos(pi * 2 * num_cycles * p))` with `p = min(1, (step - W) / max(1, T - W))`.
 * @example
 * const scheduler = new SambaFlowCosineScheduleWithWarmup(optimizer, { warmupSteps: 100, maxSteps: 1000 });
 */
export class SambaFlowCosineScheduleWithWarmup extends SambaFlowSchedule<SambaFlowCosineScheduleWithWarmupOptions> {
  static readonly schedulerType = "cosine_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({ ...warmupDecaySchema, numCycles: z.optional(num()) }));

  constructor(optimizer: Optimizer, options: SambaFlowCosineScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected factor(t: number): number {
    const { warmupSteps, maxSteps, endLrRatio = 0.1, numCycles = 0.5 } = this.options;
    if (t < warmupSteps) return linearWarmup(t, warmupSteps);
    const p = decayProgress(t, warmupSteps, maxSteps);
    return endLrRatio + (1 - endLrRatio) * 0.5 * (1 + Math.cos(Math.PI * 2 * numCycles * p));
  }
}
