import type { SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { num } from "../../core/schema.js";
import { defineOptaxSchedule, absolute, boundariesAndScalesOption, sortedEntries } from "./common.js";

/**
 * optax's `piecewise_constant_schedule`: `init_value` times every `scale` whose `boundary <= count`
 * (the boundary step itself is already scaled; boundaries <= 0 apply from count 0), taken in
 * increasing boundary order. Scales must be >= 0.
 * @example
 * // 0.1 for counts 0-29, 0.01 from 30, 0.005 from 60
 * const scheduler = new OptaxPiecewiseConstantSchedule(optimizer, { initValue: 0.1, boundariesAndScales: { 30: 0.1, 60: 0.5 } });
 */
export const OptaxPiecewiseConstantSchedule = /* @__PURE__ */ defineOptaxSchedule({
  type: "piecewise_constant_schedule",
  options: () => ({
    /** The value before the first boundary. */
    initValue: num(),
    /** `{ step: scale }`: from that count on, the value is multiplied by `scale` (>= 0). Absent, null or `{}`: a constant. */
    boundariesAndScales: boundariesAndScalesOption(),
  }),
  build({ initValue, boundariesAndScales }, { fail }) {
    const entries = sortedEntries(boundariesAndScales);
    const negative = entries.find((e) => !(e.scale >= 0));
    if (negative) return fail(`boundariesAndScales[${negative.key}]`, negative.scale, "a scale >= 0 (optax: `piecewise_constant_schedule` expects non-negative scale factors)");
    const boundaries = Float64Array.from(entries, (e) => e.boundary);
    const scales = Float64Array.from(entries, (e) => e.scale);
    return absolute((t) => {
      // optax's `v * indicator + (1 - indicator) * scale * v` with indicator 1 before the boundary, 0 from it on.
      let v = initValue;
      for (let k = 0; k < boundaries.length; k++) if (t >= boundaries[k]!) v = scales[k]! * v;
      return v;
    });
  },
});

export type OptaxPiecewiseConstantSchedule = InstanceType<typeof OptaxPiecewiseConstantSchedule>;
export type OptaxPiecewiseConstantScheduleOptions = SchedulerOptions<typeof OptaxPiecewiseConstantSchedule>;

/**
 * `optax.piecewise_constant_schedule(init_value, boundaries_and_scales)` on an optimizer.
 * @example
 * const scheduler = piecewiseConstantSchedule(optimizer, { initValue: 0.1, boundariesAndScales: { 100: 0.1, 200: 0.1 } });
 */
export function piecewiseConstantSchedule(optimizer: Optimizer, options: OptaxPiecewiseConstantScheduleOptions): OptaxPiecewiseConstantSchedule {
  return new OptaxPiecewiseConstantSchedule(optimizer, options);
}
