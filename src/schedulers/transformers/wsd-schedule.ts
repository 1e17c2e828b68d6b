import * as z from "zod/mini";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { nonNegativeInt, num, oneOf, withDefault } from "../../core/schema.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { warmupOptions } from "./options.js";

/** The shapes of the warmup and decay phases. */
export const WSD_CURVES = ["linear", "cosine", "1-sqrt"] as const;
export type WsdCurve = (typeof WSD_CURVES)[number];

/** An optional step count (Python's `Optional[int] = None`): absent, null, or an integer >= 0. */
const optionalCount = () => z.optional(z.nullable(nonNegativeInt()));

/** Rises from 0 at progress 0 to 1 at progress 1. */
function warmupCurve(curve: WsdCurve): (progress: number) => number {
  if (curve === "linear") return (p) => p;
  if (curve === "cosine") return (p) => 0.5 * (1.0 - Math.cos(Math.PI * p));
  return (p) => 1.0 - Math.sqrt(1.0 - p);
}

/** Falls from 1 at progress 0 (to 0 at progress 1 for the default half cosine). */
function decayCurve(curve: WsdCurve, numCycles: number): (progress: number) => number {
  if (curve === "linear") return (p) => 1.0 - p;
  // Left-associated in Python's formula: folding the constant changes no bit.
  const angle = Math.PI * numCycles * 2.0;
  if (curve === "cosine") return (p) => 0.5 * (1.0 + Math.cos(angle * p));
  return (p) => 1.0 - Math.sqrt(p);
}

/**
 * Hugging Face's `get_wsd_schedule` (warmup-stable-decay): a warmup from `min_lr_ratio` to 1, flat
 * at 1 for the stable phase, a decay back to `min_lr_ratio`, then `min_lr_ratio` for good. Without
 * `num_stable_steps` the stable phase is `num_training_steps - warmup - decay` (negative when the
 * run is shorter than warmup and decay, as in Python).
 * @example
 * const scheduler = new WsdSchedule(optimizer, { numWarmupSteps: 100, numDecaySteps: 1000, numTrainingSteps: 10_000 });
 */
export const WsdSchedule = /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: "get_wsd_schedule",
    family: "transformers",
    options: () => ({
      ...warmupOptions(),
      /** Steps of the final decay. */
      numDecaySteps: nonNegativeInt(),
      /** Total steps; the stable phase fills what warmup and decay leave. Give this or `numStableSteps`. */
      numTrainingSteps: optionalCount(),
      /** Steps of the stable phase; wins over `numTrainingSteps` when both are given. */
      numStableSteps: optionalCount(),
      /** Shape of the warmup. */
      warmupType: withDefault(oneOf(WSD_CURVES), "linear"),
      /** Shape of the decay. */
      decayType: withDefault(oneOf(WSD_CURVES), "cosine"),
      /** Where the warmup starts and the decay ends, as a fraction of the group's lr. */
      minLrRatio: withDefault(num(), 0),
      /** Waves of the cosine decay. */
      numCycles: withDefault(num(), 0.5),
    }),
    factor: (o, context) => {
      const warmup = o.numWarmupSteps;
      const decay = o.numDecaySteps;
      const total = o.numTrainingSteps ?? undefined;
      const given = o.numStableSteps ?? undefined;
      if (total === undefined && given === undefined) {
        return context.fail("numTrainingSteps", undefined, "given, or num_stable_steps instead (one of them is required)");
      }
      if (total !== undefined && given !== undefined) {
        context.warn("stable-steps-override", "Both num_training_steps and num_stable_steps are given; num_stable_steps is used.");
      }
      const stable = given ?? total! - warmup - decay;
      const stableEnd = warmup + stable;
      const decayEnd = warmup + stable + decay;
      const warmupDivisor = Math.max(1, warmup);
      const decayDivisor = Math.max(1, decay);
      const m = o.minLrRatio;
      const span = 1.0 - m;
      const rise = warmupCurve(o.warmupType);
      const fall = decayCurve(o.decayType, o.numCycles);
      return (t) => {
        if (t < warmup) return Math.max(0.0, rise(t / warmupDivisor) * span + m);
        if (t < stableEnd) return 1.0;
        if (t < decayEnd) return Math.max(0.0, fall((t - warmup - stable) / decayDivisor) * span + m);
        return m;
      };
    },
  }),
);
export type WsdSchedule = InstanceType<typeof WsdSchedule>;
export type WsdScheduleOptions = SchedulerOptions<typeof WsdSchedule>;

/**
 * `get_wsd_schedule(optimizer, num_warmup_steps, num_decay_steps, num_training_steps=None, num_stable_steps=None, warmup_type="linear", decay_type="cosine", min_lr_ratio=0, num_cycles=0.5, last_epoch=-1)`.
 * @example
 * const scheduler = getWsdSchedule(optimizer, { numWarmupSteps: 100, numDecaySteps: 1000, numTrainingSteps: 10_000 });
 */
export function getWsdSchedule(optimizer: Optimizer, options: WsdScheduleOptions): WsdSchedule {
  return new WsdSchedule(optimizer, options);
}
