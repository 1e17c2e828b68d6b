import type { SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { num, withDefault } from "../../core/schema.js";
import { onecycleBoundaries, pythonInt } from "./onecycle.js";
import { interpolateForm } from "./piecewise-interpolate-schedule.js";
import { defineOptaxSchedule } from "./common.js";

/**
 * optax's `cosine_onecycle_schedule`: `piecewise_interpolate_schedule("cosine", peak_value / div_factor,
 * { int(pct_start * T): div_factor, int(T): 1 / (div_factor * final_div_factor) })`: a half cosine up
 * to the peak, then one down to `start / final_div_factor` at `int(T)`.
 * @example
 * const scheduler = new OptaxCosineOnecycleSchedule(optimizer, { transitionSteps: 200, peakValue: 0.01, pctStart: 0.25 });
 */
export const OptaxCosineOnecycleSchedule = /* @__PURE__ */ defineOptaxSchedule({
  type: "cosine_onecycle_schedule",
  options: () => ({
    /** `T`: the length of the cycle, in counts (> 0). */
    transitionSteps: num(),
    /** The value at `int(pctStart * T)`. */
    peakValue: num(),
    /** Where the peak is, as a fraction of `T` (0: start at the peak; 1: the peak is never reached). */
    pctStart: withDefault(num(), 0.3),
    /** The start is `peakValue / divFactor` (non-zero, > 0). */
    divFactor: withDefault(num(), 25),
    /** The end is the start divided by this (> 0). */
    finalDivFactor: withDefault(num(), 1e4),
  }),
  build(o, { fail }) {
    const { transitionSteps: T, peakValue, pctStart, divFactor, finalDivFactor } = o;
    if (!(T > 0)) return fail("transitionSteps", T, "a number > 0 (optax: a cosine onecycle schedule was set with a non-positive `transition_steps`)");
    if (divFactor === 0) return fail("divFactor", divFactor, "non-zero (optax divides peak_value by it; Python raises ZeroDivisionError)");
    const initValue = peakValue / divFactor;
    const peakAt = pythonInt(pctStart * T, "pctStart", pctStart, fail);
    const product = divFactor * finalDivFactor;
    if (product === 0) return fail("finalDivFactor", finalDivFactor, "a value whose product with div_factor is non-zero (optax divides by it; Python raises ZeroDivisionError)");
    const { boundaries, scales } = onecycleBoundaries(
      [
        { step: peakAt, scale: divFactor, option: "divFactor" },
        { step: Math.trunc(T), scale: 1 / product, option: "finalDivFactor" },
      ],
      o,
      fail,
    );
    return interpolateForm("cosine", initValue, boundaries, scales);
  },
});

export type OptaxCosineOnecycleSchedule = InstanceType<typeof OptaxCosineOnecycleSchedule>;
export type OptaxCosineOnecycleScheduleOptions = SchedulerOptions<typeof OptaxCosineOnecycleSchedule>;

/**
 * `optax.cosine_onecycle_schedule(...)` on an optimizer.
 * @example
 * const scheduler = cosineOnecycleSchedule(optimizer, { transitionSteps: 1000, peakValue: 0.01 });
 */
export function cosineOnecycleSchedule(optimizer: Optimizer, options: OptaxCosineOnecycleScheduleOptions): OptaxCosineOnecycleSchedule {
  return new OptaxCosineOnecycleSchedule(optimizer, options);
}
