import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { nonNegativeInt, numberIn, oneOf, perGroup, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { DeepSpeedScheduler, deepspeedCommonOptions, resolveWarmup, warmupProgress, type DeepSpeedCommonOptions, type Warmup } from "./base.js";

export interface WarmupCosineLROptions extends DeepSpeedCommonOptions {
  /** End of the cosine, in iterations (`total_num_steps`). Required; greater than `max(2, warmup_num_steps)`. */
  totalNumSteps: number;
  /** Ratio of each group's lr at the start of the warmup, per group or one for all (`warmup_min_ratio`). Default 0. */
  warmupMinRatio?: number | number[];
  /** Warmup length in iterations (`warmup_num_steps`); 0 and 1 count as 2, as in DeepSpeed. Default 1000. */
  warmupNumSteps?: number;
  /** Ratio the cosine falls to (`cos_min_ratio`). Default 0.0001. */
  cosMinRatio?: number;
  /** `"log"` (default) or `"linear"` (`warmup_type`). DeepSpeed crashes on the first step with any other value; here it is refused. */
  warmupType?: "log" | "linear";
}

interface Resolved {
  minRatios: number[];
  warmup: Warmup;
  cosMinRatio: number;
  /** `total - n`: half the period of the cosine. */
  cosineSteps: number;
}

/**
 * DeepSpeed's `WarmupCosineLR`, ratio-based: `lr = lr0 * ratio(it)` where `lr0` is each group's lr
 * when the scheduler was built. Warmup: `ratio = warmup_min_ratio + (1 - warmup_min_ratio) * w(it)`
 * (w as in WarmupLR); then `ratio = max(0, cos_min_ratio + (1 - cos_min_ratio) * (1 + cos(pi * s / (total - n))) / 2)`
 * with `s = it - n + 1`. As in DeepSpeed there is no clamp past `total_num_steps` (the cosine comes
 * back up), and construction sets only the first group's lr to 0 (the others keep theirs until the first step).
 * @example
 * const scheduler = new WarmupCosineLR(optimizer, { totalNumSteps: 10000, warmupNumSteps: 500, warmupType: "linear" });
 */
export class WarmupCosineLR extends DeepSpeedScheduler<WarmupCosineLROptions, Resolved> {
  static readonly schedulerType = "WarmupCosineLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    totalNumSteps: nonNegativeInt(),
    warmupMinRatio: z.optional(perGroup(numberIn(0, 1), "a number in [0, 1]")),
    warmupNumSteps: z.optional(nonNegativeInt()),
    cosMinRatio: z.optional(numberIn(0, 1)),
    warmupType: z.optional(oneOf(["log", "linear"] as const)),
    ...deepspeedCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: WarmupCosineLROptions) {
    super(optimizer, options);
  }

  protected override resolve(options: WarmupCosineLROptions, optimizer: Optimizer): Resolved {
    const warmup = resolveWarmup(options.warmupNumSteps ?? 1000, options.warmupType === "linear");
    const total = options.totalNumSteps;
    if (total <= warmup.steps) {
      throw new InvalidOptionError(this.type, "total_num_steps", total, `> max(2, warmup_num_steps) = ${warmup.steps} (the cosine needs at least one step)`);
    }
    return {
      minRatios: this.perGroupValues(options.warmupMinRatio ?? 0, optimizer, "warmupMinRatio"),
      warmup,
      cosMinRatio: options.cosMinRatio ?? 1e-4,
      cosineSteps: total - warmup.steps,
    };
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /**
   * What every group shares at iteration `t`, computed once per step: the warmup progress during
   * the warmup (each group then applies its own `warmup_min_ratio`), the ratio itself afterwards.
   */
  protected override sharedAt(t: number): number {
    const { warmup, cosMinRatio, cosineSteps } = this.resolved;
    if (t < warmup.steps) return warmupProgress(warmup, t);
    const cosine = (1 + Math.cos((Math.PI * (t - warmup.steps + 1)) / cosineSteps)) / 2;
    return Math.max(0, cosMinRatio + (1 - cosMinRatio) * cosine);
  }

  protected override lrWithShared(i: number, t: number, shared: number): number {
    // Before the start DeepSpeed's lr list is [0.0]: only the first group is written.
    if (t < 0) return i === 0 ? 0 : this.baseLrs[i]!;
    if (t >= this.resolved.warmup.steps) return this.baseLrs[i]! * shared;
    const minRatio = this.resolved.minRatios[i]!;
    return this.baseLrs[i]! * (minRatio + shared * (1 - minRatio));
  }
}
