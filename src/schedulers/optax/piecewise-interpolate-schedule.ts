import type { SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { CompleteForm } from "../../core/schedule.js";
import { num, oneOf } from "../../core/schema.js";
import { defineOptaxSchedule, absolute, boundariesAndScalesOption, sortedEntries } from "./common.js";

export type InterpolateType = "linear" | "cosine";

const linear = (start: number, end: number, pct: number) => (end - start) * pct + start;
const cosine = (start: number, end: number, pct: number) => end + ((start - end) / 2) * (Math.cos(Math.PI * pct) + 1);

/**
 * optax's piecewise interpolation over sorted `boundaries` with scales >= 0: `bounds = [0, ...boundaries]`,
 * `values = cumprod([init_value, ...scales])`; in `bounds[i] <= count < bounds[i+1]` the value moves
 * from `values[i]` to `values[i+1]` with `pct = (count - bounds[i]) / max(bounds[i+1] - bounds[i], 1)`;
 * from the last bound on it is `values[-1]`.
 */
export function interpolateForm(type: InterpolateType, initValue: number, boundaries: readonly number[], scales: readonly number[]): CompleteForm {
  const bounds = Float64Array.from([0, ...boundaries]);
  const values = new Float64Array(bounds.length);
  values[0] = initValue;
  for (let k = 1; k < values.length; k++) values[k] = values[k - 1]! * scales[k - 1]!;
  const sizes = Float64Array.from(boundaries, (b, k) => Math.max(b - bounds[k]!, 1));
  const interpolate = type === "linear" ? linear : cosine;
  const segments = sizes.length;
  const lastBound = bounds[segments]!;
  const lastValue = values[segments]!;
  return absolute((t) => {
    // As optax computes it: the indicators of the segments dotted with every segment's interpolation,
    // plus the value held after the last bound (so a segment that overflows is NaN at every count, as there).
    let sum = 0;
    for (let k = 0; k < segments; k++) {
      const inside = bounds[k]! <= t && t < bounds[k + 1]! ? 1 : 0;
      sum += inside * interpolate(values[k]!, values[k + 1]!, (t - bounds[k]!) / sizes[k]!);
    }
    return sum + (lastBound <= t ? 1 : 0) * lastValue;
  });
}

/**
 * optax's `piecewise_interpolate_schedule`: the value is multiplied by each `scale` at its boundary,
 * and between boundaries it moves linearly or along a half cosine from one accumulated value to the next.
 * @example
 * // 1 -> 0.5 linearly over counts 0-10, then -> 0.05 over 10-25, then 0.05
 * const scheduler = new OptaxPiecewiseInterpolateSchedule(optimizer, { interpolateType: "linear", initValue: 1, boundariesAndScales: { 10: 0.5, 25: 0.1 } });
 */
export const OptaxPiecewiseInterpolateSchedule = /* @__PURE__ */ defineOptaxSchedule({
  type: "piecewise_interpolate_schedule",
  options: () => ({
    /** `"linear"` or `"cosine"`. */
    interpolateType: oneOf(["linear", "cosine"] as const),
    /** The value at count 0 (unless a boundary is at 0 or below). */
    initValue: num(),
    /** `{ step: scale }`: the accumulated value is multiplied by `scale` (>= 0) at that step. Absent, null or `{}`: a constant. */
    boundariesAndScales: boundariesAndScalesOption(),
  }),
  build({ interpolateType, initValue, boundariesAndScales }, { fail }) {
    const entries = sortedEntries(boundariesAndScales);
    const negative = entries.find((e) => !(e.scale >= 0));
    if (negative) return fail(`boundariesAndScales[${negative.key}]`, negative.scale, "a scale >= 0 (optax: `piecewise_interpolate_schedule` expects non-negative scale factors)");
    return interpolateForm(interpolateType, initValue, entries.map((e) => e.boundary), entries.map((e) => e.scale));
  },
});

export type OptaxPiecewiseInterpolateSchedule = InstanceType<typeof OptaxPiecewiseInterpolateSchedule>;
export type OptaxPiecewiseInterpolateScheduleOptions = SchedulerOptions<typeof OptaxPiecewiseInterpolateSchedule>;

/**
 * `optax.piecewise_interpolate_schedule(interpolate_type, init_value, boundaries_and_scales)` on an optimizer.
 * @example
 * const scheduler = piecewiseInterpolateSchedule(optimizer, { interpolateType: "cosine", initValue: 0.5, boundariesAndScales: { 20: 2, 50: 0.01 } });
 */
export function piecewiseInterpolateSchedule(optimizer: Optimizer, options: OptaxPiecewiseInterpolateScheduleOptions): OptaxPiecewiseInterpolateSchedule {
  return new OptaxPiecewiseInterpolateSchedule(optimizer, options);
}
