/**
 * WarmupLR and WarmupDecayLR: `lr = min_lr + (max_lr - min_lr) * gamma(it)`, with the warmup
 * gamma (log or linear) for `it < warmup_num_steps` and a subclass's gamma afterwards.
 */
import type { Optimizer } from "../../core/optimizer.js";
import { nonNegativeInt, nonNegativeNumber, perGroup } from "../../core/schema.js";
import { emitWarning } from "../../core/warnings.js";
import * as z from "zod/mini";
import { DeepSpeedScheduler, resolveWarmup, type DeepSpeedCommonOptions, type Warmup } from "./base.js";

/** `"log"` or `"linear"`; DeepSpeed treats any other string as `"log"`, and so does this library (with an "unknown-warmup-type" warning). */
export type DeepSpeedWarmupType = "log" | "linear" | (string & {});

export interface DeepSpeedWarmupOptions extends DeepSpeedCommonOptions {
  /** The lr at iteration -1 and 0, per group or one for all (`warmup_min_lr`). Default 0. */
  warmupMinLr?: number | number[];
  /** The lr the warmup reaches, per group or one for all (`warmup_max_lr`). Default 0.001. */
  warmupMaxLr?: number | number[];
  /** Warmup length in iterations (`warmup_num_steps`); 0 and 1 count as 2, as in DeepSpeed. Default 1000. */
  warmupNumSteps?: number;
  /** `"log"` (default) or `"linear"` (`warmup_type`); any other string means `"log"`, as in DeepSpeed. */
  warmupType?: DeepSpeedWarmupType;
}

/** A function, built when a schema is: as a record, its calls would run at import and stay in every bundle. */
export const warmupOptions = () => ({
  warmupMinLr: z.optional(perGroup(nonNegativeNumber(), "a finite number >= 0")),
  warmupMaxLr: z.optional(perGroup(nonNegativeNumber(), "a finite number >= 0")),
  warmupNumSteps: z.optional(nonNegativeInt()),
  warmupType: z.optional(z.custom<string>((v) => typeof v === "string", { error: 'a string ("log" or "linear")' })),
});

export interface WarmupResolved {
  minLrs: number[];
  deltaLrs: number[];
  warmup: Warmup;
  /** The warmup's fields again, flat: a step reads them without going through a nested object. */
  warmupSteps: number;
  inverseLog: number;
  linear: boolean;
}

export abstract class WarmupScheduler<O extends DeepSpeedWarmupOptions, R extends WarmupResolved = WarmupResolved> extends DeepSpeedScheduler<O, R> {
  constructor(optimizer: Optimizer, options?: O) {
    super(optimizer, options);
    const type = this.options.warmupType;
    if (type !== undefined && type !== "log" && type !== "linear") {
      emitWarning(this.type, "unknown-warmup-type", `Unknown warmup_type ${JSON.stringify(type)}; the log warmup is used, as in DeepSpeed.`);
    }
  }

  protected resolveWarmupLrs(options: O, optimizer: Optimizer): WarmupResolved {
    const minLrs = this.perGroupValues(options.warmupMinLr ?? 0, optimizer, "warmupMinLr");
    const maxLrs = this.perGroupValues(options.warmupMaxLr ?? 0.001, optimizer, "warmupMaxLr");
    const warmup = resolveWarmup(options.warmupNumSteps ?? 1000, options.warmupType === "linear");
    return {
      minLrs,
      deltaLrs: maxLrs.map((max, i) => max - minLrs[i]!),
      warmup,
      warmupSteps: warmup.steps,
      inverseLog: warmup.inverseLog,
      linear: warmup.linear,
    };
  }

  /** The multiplier of `max_lr - min_lr` from iteration `warmup_num_steps` on. */
  protected abstract gammaAfterWarmup(t: number): number;

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** The multiplier of `max_lr - min_lr` at iteration `t`, the same for every group: computed once per step. */
  protected override sharedAt(t: number): number {
    const r = this.resolved;
    // warmupProgress, written out on the flat fields.
    if (t < r.warmupSteps) return r.linear ? t / r.warmupSteps : r.inverseLog * Math.log(t + 1);
    return this.gammaAfterWarmup(t);
  }

  protected override lrWithShared(i: number, t: number, gamma: number): number {
    const { minLrs, deltaLrs } = this.resolved;
    // DeepSpeed holds min_lr before the start (iteration -1).
    if (t < 0) return minLrs[i]!;
    return minLrs[i]! + deltaLrs[i]! * gamma;
  }
}
