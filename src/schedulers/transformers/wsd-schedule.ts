import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { emitWarning } from "../../core/warnings.js";
import { nonNegativeInt, num, oneOf, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { FactorSchedule, resolveLinearWarmup, type LinearWarmup } from "./factor-schedule.js";
import { warmupSchema, type WarmupOptions } from "./options.js";

/** The shapes of the warmup and decay phases. */
export const WSD_CURVES = ["linear", "cosine", "1-sqrt"] as const;
export type WsdCurve = (typeof WSD_CURVES)[number];

export interface WsdScheduleOptions extends WarmupOptions {
  /** Steps of the final decay (`num_decay_steps`). */
  numDecaySteps: number;
  /** Total steps; the stable phase fills what warmup and decay leave. Give this or `numStableSteps`. */
  numTrainingSteps?: number;
  /** Steps of the stable phase; wins over `numTrainingSteps` when both are given. */
  numStableSteps?: number;
  /** Shape of the warmup. Default "linear". */
  warmupType?: WsdCurve;
  /** Shape of the decay. Default "cosine". */
  decayType?: WsdCurve;
  /** Where warmup starts and decay ends, as a fraction of the group's lr. Default 0. */
  minLrRatio?: number;
  /** Waves of the cosine decay. Default 0.5. */
  numCycles?: number;
}

/**
 * Hugging Face's `get_wsd_schedule` (warmup-stable-decay): warmup from `min_lr_ratio` to 1, flat at
 * 1 for the stable phase, decay back to `min_lr_ratio`, then `min_lr_ratio` forever.
 */
export class WsdSchedule extends FactorSchedule<WsdScheduleOptions, Resolved> {
  static readonly schedulerType = "get_wsd_schedule";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    ...warmupSchema(),
    numDecaySteps: nonNegativeInt(),
    numTrainingSteps: z.optional(nonNegativeInt()),
    // Given, it is >= 0; derived from a num_training_steps shorter than warmup + decay it is negative, as in Python.
    numStableSteps: z.optional(nonNegativeInt()),
    warmupType: z.optional(oneOf(WSD_CURVES)),
    decayType: z.optional(oneOf(WSD_CURVES)),
    minLrRatio: z.optional(num()),
    numCycles: z.optional(num()),
  }));

  constructor(optimizer: Optimizer, options: WsdScheduleOptions) {
    super(optimizer, options);
    if (this.options.numTrainingSteps !== undefined && this.options.numStableSteps !== undefined) {
      emitWarning(WsdSchedule.schedulerType, "stable-steps-override", "Both num_training_steps and num_stable_steps are given; num_stable_steps is used.");
    }
  }

  protected override resolve(options: WsdScheduleOptions): Resolved {
    const { numWarmupSteps: warmup, numDecaySteps: decay, minLrRatio = 0, numCycles = 0.5 } = options;
    let stable = options.numStableSteps;
    if (stable === undefined) {
      if (options.numTrainingSteps === undefined) {
        throw new InvalidOptionError(WsdSchedule.schedulerType, "num_training_steps", undefined, "given, or num_stable_steps instead (one of them is required)");
      }
      stable = options.numTrainingSteps - warmup - decay;
    }
    return {
      ...resolveLinearWarmup(warmup),
      numStableSteps: stable,
      stableEnd: warmup + stable,
      decayEnd: warmup + stable + decay,
      decayDivisor: Math.max(1, decay),
      minLrRatio,
      span: 1.0 - minLrRatio,
      warmupCurve: WSD_CURVES.indexOf(options.warmupType ?? "linear"),
      decayCurve: WSD_CURVES.indexOf(options.decayType ?? "cosine"),
      angle: Math.PI * numCycles * 2.0,
    };
  }

  protected factor(t: number): number {
    const r = this.resolved;
    if (t < r.warmupSteps) {
      return Math.max(0.0, warmupCurve(r.warmupCurve, t / r.warmupDivisor) * r.span + r.minLrRatio);
    }
    if (t < r.stableEnd) return 1.0;
    if (t < r.decayEnd) {
      const progress = (t - r.warmupSteps - r.numStableSteps) / r.decayDivisor;
      return Math.max(0.0, decayCurve(r.decayCurve, progress, r.angle) * r.span + r.minLrRatio);
    }
    return r.minLrRatio;
  }
}

/** What the factor needs, derived once (see `LinearWarmup`); the curves by their index in `WSD_CURVES`. */
interface Resolved extends LinearWarmup {
  numStableSteps: number;
  /** `warmup + stable`, where the decay starts. */
  stableEnd: number;
  /** `warmup + stable + decay`, where the decay ends. */
  decayEnd: number;
  /** `max(1, num_decay_steps)`. */
  decayDivisor: number;
  minLrRatio: number;
  /** `1 - min_lr_ratio`. */
  span: number;
  warmupCurve: number;
  decayCurve: number;
  /** `pi * num_cycles * 2` (left-associated in the formula, so folding it changes no bit). */
  angle: number;
}

const LINEAR = 0;
const COSINE = 1;

/** Rises from 0 at progress 0 to 1 at progress 1. */
function warmupCurve(curve: number, progress: number): number {
  if (curve === LINEAR) return progress;
  if (curve === COSINE) return 0.5 * (1.0 - Math.cos(Math.PI * progress));
  return 1.0 - Math.sqrt(1.0 - progress);
}

/** Falls from 1 at progress 0 (to 0 at progress 1 for the default half-cosine). */
function decayCurve(curve: number, progress: number, angle: number): number {
  if (curve === LINEAR) return 1.0 - progress;
  if (curve === COSINE) return 0.5 * (1.0 + Math.cos(angle * progress));
  return 1.0 - Math.sqrt(progress);
}

/**
 * `get_wsd_schedule(optimizer, num_warmup_steps, num_decay_steps, num_training_steps=None, num_stable_steps=None, warmup_type="linear", decay_type="cosine", min_lr_ratio=0, num_cycles=0.5, last_epoch=-1)`.
 * @example
 * const scheduler = getWsdSchedule(optimizer, { numWarmupSteps: 100, numDecaySteps: 1000, numTrainingSteps: 10_000 });
 */
export function getWsdSchedule(optimizer: Optimizer, options: WsdScheduleOptions): WsdSchedule {
  return new WsdSchedule(optimizer, options);
}
