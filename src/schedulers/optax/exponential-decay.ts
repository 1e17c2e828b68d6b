import * as z from "zod/mini";
import type { SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { BuildContext, CompleteForm } from "../../core/schedule.js";
import { bool, num, withDefault } from "../../core/schema.js";
import { defineOptaxSchedule, absolute, constantForm } from "./common.js";

/** The arguments of optax's `exponential_decay`. */
export interface ExponentialParameters {
  readonly initValue: number;
  readonly transitionSteps: number;
  readonly decayRate: number;
  readonly transitionBegin: number;
  readonly staircase: boolean;
  readonly endValue?: number | null | undefined;
}

/**
 * optax's exponential decay: with `d = count - transition_begin` and `p = d / transition_steps`
 * (`floor(p)` with `staircase`), `init_value` while `d <= 0`, else `init_value * decay_rate ** p`;
 * then, with an `end_value`, clipped at every count (before `transition_begin` too): `max(v, end_value)`
 * when `decay_rate < 1`, else `min(v, end_value)`. A non-positive `transition_steps` or a zero
 * `decay_rate` gives a constant `init_value`, a negative `transition_begin` becomes 0 (optax logs each).
 */
export function exponentialForm(p: ExponentialParameters, ctx: Pick<BuildContext, "warn">): CompleteForm {
  const { initValue, transitionSteps, decayRate, staircase } = p;
  if (transitionSteps <= 0) {
    ctx.warn(
      "non-positive-transition-steps",
      "An exponential schedule was set with a non-positive `transition_steps` value; this will result in a constant schedule with value `init_value`.",
    );
    return constantForm(initValue);
  }
  if (decayRate === 0) {
    ctx.warn("zero-decay-rate", "An exponential schedule was set with a zero `decay_rate` value; this will result in a constant schedule with value `init_value`.");
    return constantForm(initValue);
  }
  let begin = p.transitionBegin;
  if (begin < 0) {
    ctx.warn(
      "negative-transition-begin",
      "An exponential schedule was set with a negative `transition_begin` value; this will result in `transition_begin` falling back to `0`.",
    );
    begin = 0;
  }
  const decayed = (t: number) => {
    const d = t - begin;
    const power = staircase ? Math.floor(d / transitionSteps) : d / transitionSteps;
    return d <= 0 ? initValue : initValue * decayRate ** power;
  };
  const end = p.endValue;
  if (end === undefined || end === null) return absolute(decayed);
  // decay_rate == 1 is not below 1: end_value is then an upper bound.
  if (decayRate < 1) return absolute((t) => Math.max(decayed(t), end));
  return absolute((t) => Math.min(decayed(t), end));
}

/**
 * optax's `exponential_decay`: `init_value * decay_rate ** ((count - transition_begin) / transition_steps)`
 * from `transition_begin` on (whole periods with `staircase`), bounded by `end_value` (a lower bound
 * when `decay_rate < 1`, an upper bound otherwise).
 * @example
 * const scheduler = new OptaxExponentialDecay(optimizer, { initValue: 1, transitionSteps: 5, decayRate: 0.5, transitionBegin: 10, staircase: true, endValue: 0.05 });
 */
export const OptaxExponentialDecay = /* @__PURE__ */ defineOptaxSchedule({
  type: "exponential_decay",
  options: () => ({
    /** The value up to `transitionBegin`. */
    initValue: num(),
    /** Counts per factor of `decayRate`; <= 0 makes the schedule a constant `initValue` (logged). */
    transitionSteps: num(),
    /** The factor per `transitionSteps` counts (> 1 grows); 0 makes the schedule a constant `initValue` (logged). */
    decayRate: num(),
    /** Counts before the decay starts; a negative one becomes 0 (logged). */
    transitionBegin: withDefault(num(), 0),
    /** Decay in whole periods (`floor`). */
    staircase: withDefault(bool(), false),
    /** A bound applied at every count: lower when `decayRate < 1`, upper otherwise. Absent or null: none. */
    endValue: z.optional(z.nullable(num())),
  }),
  build: (o, ctx) => exponentialForm(o, ctx),
});

export type OptaxExponentialDecay = InstanceType<typeof OptaxExponentialDecay>;
export type OptaxExponentialDecayOptions = SchedulerOptions<typeof OptaxExponentialDecay>;

/**
 * `optax.exponential_decay(...)` on an optimizer.
 * @example
 * const scheduler = exponentialDecay(optimizer, { initValue: 0.1, transitionSteps: 1000, decayRate: 0.9, endValue: 1e-3 });
 */
export function exponentialDecay(optimizer: Optimizer, options: OptaxExponentialDecayOptions): OptaxExponentialDecay {
  return new OptaxExponentialDecay(optimizer, options);
}
