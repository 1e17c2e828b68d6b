/**
 * Option pieces the Hugging Face schedules share, and the one place they read the optimizer's
 * `defaults.lr` (polynomial decay and the cosine-with-min-lr schedules do, as in Python).
 */
import * as z from "zod/mini";
import { InvalidOptimizerError } from "../../core/errors.js";
import type { BuildContext } from "../../core/schedule.js";
import { nonNegativeInt, num, withDefault } from "../../core/schema.js";

/** A number Python declares `Optional[float] = None`: absent, null (Python's None) or a finite number. */
export const optionalNumber = () => z.optional(z.nullable(num()));

/** `num_warmup_steps`: steps (an integer >= 0) of the linear warmup from 0. */
export const warmupOptions = () => ({ numWarmupSteps: nonNegativeInt() });

/** `num_warmup_steps` and `num_training_steps`. */
export const warmupTrainingOptions = () => ({ ...warmupOptions(), numTrainingSteps: nonNegativeInt() });

/** The min-lr cosines' options, in Python's argument order. */
export const minLrOptions = () => ({
  ...warmupTrainingOptions(),
  /** Waves of the cosine; 0.5 is one half wave down. */
  numCycles: withDefault(num(), 0.5),
  /** The floor as an lr, divided by the optimizer's `defaults.lr` (give this or `minLrRate`). */
  minLr: optionalNumber(),
  /** The floor as a fraction of each group's initial lr (give this or `minLr`). */
  minLrRate: optionalNumber(),
});

/**
 * The lr Hugging Face calls `lr_init`: `optimizer.defaults.lr`, which may differ from the groups' own
 * lrs. Optimizers here need not carry `defaults`; without `defaults.lr` the first group's initial lr
 * stands in (what `defaults.lr` is when the optimizer was built with one lr for every group).
 * @throws InvalidOptimizerError if `defaults.lr` is present but not a finite number
 */
export function defaultsLr(type: string, { defaults, baseLrs }: BuildContext): number {
  const lr = defaults?.lr;
  if (lr === undefined) return baseLrs[0]!;
  if (typeof lr !== "number" || !Number.isFinite(lr)) throw new InvalidOptimizerError(type, "defaults.lr", lr, "a finite number");
  return lr;
}

/**
 * The floor of the cosine as a fraction of the initial lr, from exactly one of `min_lr` and
 * `min_lr_rate` (null counts as not given, as Python's None), as Hugging Face computes it.
 * @throws InvalidOptionError if both or neither are given; InvalidOptimizerError if `min_lr` would be divided by a zero lr
 */
export function minLrRateOf(type: string, o: { minLr?: number | null; minLrRate?: number | null }, context: BuildContext): number {
  const minLr = o.minLr ?? undefined;
  const minLrRate = o.minLrRate ?? undefined;
  if (minLr !== undefined && minLrRate !== undefined) return context.fail("minLr", minLr, "left out when min_lr_rate is given (give only one of them)");
  if (minLr !== undefined) {
    const lrInit = defaultsLr(type, context);
    // Python divides by it at construction (ZeroDivisionError).
    if (lrInit === 0) throw new InvalidOptimizerError(type, "defaults.lr", lrInit, "non-zero (min_lr is divided by it)");
    return minLr / lrInit;
  }
  if (minLrRate === undefined) return context.fail("minLrRate", undefined, "given, or min_lr instead (one of them is required)");
  return minLrRate;
}
