import type { SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { BuildContext, CompleteForm } from "../../core/schedule.js";
import { num, withDefault } from "../../core/schema.js";
import { defineOptaxSchedule, absolute, constantForm } from "./common.js";

/** The arguments of optax's `polynomial_schedule`. */
export interface PolynomialParameters {
  readonly initValue: number;
  readonly endValue: number;
  readonly power: number;
  readonly transitionSteps: number;
  readonly transitionBegin: number;
}

/**
 * optax's polynomial: `c = clip(count - transition_begin, 0, transition_steps)`, then
 * `(init_value - end_value) * (1 - c / transition_steps) ** power + end_value`. A non-positive
 * `transition_steps` gives a constant `init_value`, a negative `transition_begin` becomes 0 (optax logs both).
 */
export function polynomialForm(p: PolynomialParameters, ctx: Pick<BuildContext, "warn">): CompleteForm {
  const { initValue, endValue, power, transitionSteps } = p;
  if (transitionSteps <= 0) {
    ctx.warn(
      "non-positive-transition-steps",
      "A polynomial schedule was set with a non-positive `transition_steps` value; this results in a constant schedule with value `init_value`.",
    );
    return constantForm(initValue);
  }
  let begin = p.transitionBegin;
  if (begin < 0) {
    ctx.warn(
      "negative-transition-begin",
      "A polynomial schedule was set with a negative `transition_begin` value; this will result in `transition_begin` falling back to `0`.",
    );
    begin = 0;
  }
  return absolute((t) => {
    const count = Math.min(Math.max(t - begin, 0), transitionSteps);
    const frac = 1 - count / transitionSteps;
    return (initValue - endValue) * frac ** power + endValue;
  });
}

/**
 * optax's `polynomial_schedule`: `init_value` until `transition_begin`, then a polynomial of degree
 * `power` down (or up) to `end_value` over `transition_steps` counts, then `end_value`.
 * @example
 * const scheduler = new OptaxPolynomialSchedule(optimizer, { initValue: 1, endValue: 0.01, power: 2, transitionSteps: 100 });
 */
export const OptaxPolynomialSchedule = /* @__PURE__ */ defineOptaxSchedule({
  type: "polynomial_schedule",
  options: () => ({
    /** The value up to `transitionBegin`. */
    initValue: num(),
    /** The value from `transitionBegin + transitionSteps` on. */
    endValue: num(),
    /** The polynomial's power (0 gives `init_value` throughout, since 0 ** 0 is 1). */
    power: num(),
    /** Counts over which the value moves; <= 0 makes the schedule a constant `initValue` (logged). */
    transitionSteps: num(),
    /** Counts before the transition starts; a negative one becomes 0 (logged). */
    transitionBegin: withDefault(num(), 0),
  }),
  build: (o, ctx) => polynomialForm(o, ctx),
});

export type OptaxPolynomialSchedule = InstanceType<typeof OptaxPolynomialSchedule>;
export type OptaxPolynomialScheduleOptions = SchedulerOptions<typeof OptaxPolynomialSchedule>;

/**
 * `optax.polynomial_schedule(...)` on an optimizer.
 * @example
 * const scheduler = polynomialSchedule(optimizer, { initValue: 1, endValue: 0.01, power: 2, transitionSteps: 100, transitionBegin: 5 });
 */
export function polynomialSchedule(optimizer: Optimizer, options: OptaxPolynomialScheduleOptions): OptaxPolynomialSchedule {
  return new OptaxPolynomialSchedule(optimizer, options);
}
