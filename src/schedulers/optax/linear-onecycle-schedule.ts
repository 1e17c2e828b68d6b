import type { SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { num, withDefault } from "../../core/schema.js";
import { onecycleBoundaries, pythonInt } from "./onecycle.js";
import { interpolateForm } from "./piecewise-interpolate-schedule.js";
import { defineOptaxSchedule } from "./common.js";

/**
 * optax's `linear_onecycle_schedule`: `piecewise_interpolate_schedule("linear", peak_value / div_factor,
 * { int(pct_start * T): div_factor, int(pct_final * T): 1 / div_factor, T: 1 / final_div_factor })`:
 * up to the peak, back down to the start, then down to `start / final_div_factor` at `T`.
 * @example
 * const scheduler = new OptaxLinearOnecycleSchedule(optimizer, { transitionSteps: 100, peakValue: 0.1 });
 */
export const OptaxLinearOnecycleSchedule = /* @__PURE__ */ defineOptaxSchedule({
  type: "linear_onecycle_schedule",
  options: () => ({
    /** `T`: the length of the cycle, in counts (> 0). */
    transitionSteps: num(),
    /** The value at `int(pctStart * T)`. */
    peakValue: num(),
    /** Where the peak is, as a fraction of `T`. */
    pctStart: withDefault(num(), 0.3),
    /** Where the value is back at the start, as a fraction of `T`. */
    pctFinal: withDefault(num(), 0.85),
    /** The start is `peakValue / divFactor` (non-zero, > 0). */
    divFactor: withDefault(num(), 25),
    /** The end is the start divided by this (non-zero, > 0). */
    finalDivFactor: withDefault(num(), 1e4),
  }),
  build(o, { fail }) {
    const { transitionSteps: T, peakValue, pctStart, pctFinal, divFactor, finalDivFactor } = o;
    if (!(T > 0)) return fail("transitionSteps", T, "a number > 0 (optax: a linear onecycle schedule was set with a non-positive `transition_steps`)");
    if (divFactor === 0) return fail("divFactor", divFactor, "non-zero (optax divides peak_value by it; Python raises ZeroDivisionError)");
    const initValue = peakValue / divFactor;
    const start = pythonInt(pctStart * T, "pctStart", pctStart, fail);
    const final = pythonInt(pctFinal * T, "pctFinal", pctFinal, fail);
    if (finalDivFactor === 0) return fail("finalDivFactor", finalDivFactor, "non-zero (optax divides by it; Python raises ZeroDivisionError)");
    const { boundaries, scales } = onecycleBoundaries(
      [
        { step: start, scale: divFactor, option: "divFactor" },
        { step: final, scale: 1 / divFactor, option: "divFactor" },
        { step: T, scale: 1 / finalDivFactor, option: "finalDivFactor" },
      ],
      o,
      fail,
    );
    return interpolateForm("linear", initValue, boundaries, scales);
  },
});

export type OptaxLinearOnecycleSchedule = InstanceType<typeof OptaxLinearOnecycleSchedule>;
export type OptaxLinearOnecycleScheduleOptions = SchedulerOptions<typeof OptaxLinearOnecycleSchedule>;

/**
 * `optax.linear_onecycle_schedule(...)` on an optimizer.
 * @example
 * const scheduler = linearOnecycleSchedule(optimizer, { transitionSteps: 1000, peakValue: 0.1, pctStart: 0.25 });
 */
export function linearOnecycleSchedule(optimizer: Optimizer, options: OptaxLinearOnecycleScheduleOptions): OptaxLinearOnecycleSchedule {
  return new OptaxLinearOnecycleSchedule(optimizer, options);
}
