/**
 * What DeepSpeed's schedulers share: the counter `last_batch_iteration` (the `deepspeedIterations`
 * convention: -1 after construction, iteration 0 after the first `step()`), DeepSpeed's own
 * `state_dict()` (`{ "last_batch_iteration": k }`), options given once or per group, and the warmup
 * of WarmupLR, WarmupDecayLR and WarmupCosineLR.
 */
import * as z from "zod/mini";
import { expandPerGroup } from "../../core/options.js";
import type { ReferenceDialect } from "../../core/reference.js";
import type { BuildContext } from "../../core/schedule.js";
import { int, num, perGroup, withDefault } from "../../core/schema.js";

/** DeepSpeed's `last_batch_iteration`: -1 for a new run; the last finished batch when resuming without a state dict (nothing is written until the first `step()`). */
export const lastBatchIterationOption = () => ({ lastBatchIteration: withDefault(int("an integer >= -1", (v) => v >= -1), -1) });

/** DeepSpeed's `state_dict()` holds the counter and nothing else: loading it keeps the options and base lrs. */
export const deepspeedDialect: ReferenceDialect = { counter: ["last_batch_iteration"] };

/** A number given once for every group or as a list with one per group (DeepSpeed's `float or list`). */
export const numberPerGroup = () => perGroup(num(), "a finite number");

/** The value of a per-group option for each group. @throws InvalidOptionError (through `fail`) when a list's length is not the group count */
export function perGroupValues(value: number | readonly number[], option: string, groups: number, fail: BuildContext["fail"]): number[] {
  return expandPerGroup(value, groups) ?? fail(option, value, `one number, or a list of ${groups} (one per param group)`);
}

/** `"log"` or `"linear"`; DeepSpeed's WarmupLR and WarmupDecayLR treat any other string as `"log"` (with a warning). */
export type DeepSpeedWarmupType = "log" | "linear" | (string & {});

export const warmupTypeOption = () =>
  withDefault(z.custom<DeepSpeedWarmupType>((v) => typeof v === "string", { error: 'a string ("log" or "linear")' }), "log");

export const isKnownWarmupType = (type: string): boolean => type === "log" || type === "linear";

/** DeepSpeed's warmup: over `steps = max(2, warmup_num_steps)` iterations, `progress(t)` is `ln(t + 1) / ln(steps)` (log, also for an unknown type) or `t / steps` (linear). */
export interface Warmup {
  readonly steps: number;
  readonly progress: (t: number) => number;
}

export function warmupOf(warmupNumSteps: number, warmupType: string): Warmup {
  const steps = Math.max(2, warmupNumSteps);
  if (warmupType === "linear") return { steps, progress: (t) => t / steps };
  const inverseLog = 1 / Math.log(steps);
  return { steps, progress: (t) => inverseLog * Math.log(t + 1) };
}

/** The options of WarmupLR and WarmupDecayLR's warmup. */
export const warmupLrOptions = () => ({
  /** The lr at iteration -1 and 0 (`warmup_min_lr`). */
  warmupMinLr: withDefault(numberPerGroup(), 0 as number | number[]),
  /** The lr the warmup reaches (`warmup_max_lr`). */
  warmupMaxLr: withDefault(numberPerGroup(), 0.001 as number | number[]),
  /** Warmup length in iterations (`warmup_num_steps`); below 2 it counts as 2. */
  warmupNumSteps: withDefault(num(), 1000),
  /** `"log"` or `"linear"` (`warmup_type`); any other string means `"log"`. */
  warmupType: warmupTypeOption(),
});

interface WarmupLrSettings {
  warmupMinLr: number | number[];
  warmupMaxLr: number | number[];
  warmupNumSteps: number;
  warmupType: string;
}

/**
 * WarmupLR's and WarmupDecayLR's form: `lr = min_lr + (max_lr - min_lr) * gamma(it)`, with the
 * warmup's progress as gamma before `max(2, warmup_num_steps)` and `afterWarmup(it)` from there;
 * `min_lr` at iteration -1 (DeepSpeed returns it before the start).
 */
export function warmupLrForm(o: WarmupLrSettings, ctx: BuildContext, afterWarmup: (t: number) => number) {
  const n = ctx.groups.length;
  const minLrs = perGroupValues(o.warmupMinLr, "warmupMinLr", n, ctx.fail);
  const maxLrs = perGroupValues(o.warmupMaxLr, "warmupMaxLr", n, ctx.fail);
  const deltas = maxLrs.map((max, i) => max - minLrs[i]!);
  if (!isKnownWarmupType(o.warmupType)) {
    ctx.warn("unknown-warmup-type", `Unknown warmup_type ${JSON.stringify(o.warmupType)}; the log warmup is used, as in DeepSpeed.`);
  }
  const warmup = warmupOf(o.warmupNumSteps, o.warmupType);
  return {
    shape: (t: number) => (t < warmup.steps ? warmup.progress(t) : afterWarmup(t)),
    lr: (i: number, gamma: number, t: number) => (t < 0 ? minLrs[i]! : minLrs[i]! + deltas[i]! * gamma),
  };
}
