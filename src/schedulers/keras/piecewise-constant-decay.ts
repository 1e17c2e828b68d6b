import type { SchedulerOptions } from "../../core/define.js";
import { listOf, num } from "../../core/schema.js";
import { defineKerasSchedule, everyGroup, nameOption } from "./keras-schedule.js";

/**
 * Keras' `keras.optimizers.schedules.PiecewiseConstantDecay`: `values[0]` while
 * `step <= boundaries[0]`, `values[i]` for `boundaries[i-1] < step <= boundaries[i]`, `values[-1]`
 * after the last boundary. A step equal to a boundary still gets the earlier value.
 * @example
 * // 1.0 up to step 100000, 0.5 up to step 110000, then 0.1
 * const scheduler = new PiecewiseConstantDecay(optimizer, { boundaries: [100_000, 110_000], values: [1.0, 0.5, 0.1] });
 */
export const PiecewiseConstantDecay = /* @__PURE__ */ defineKerasSchedule({
  type: "PiecewiseConstantDecay",
  options: () => ({
    /** The steps where the value changes (not checked for order; fractions truncate toward zero, as Keras casts them to the step's integer type). */
    boundaries: listOf(num(), "a list of finite numbers"),
    /** One value per interval: one more than `boundaries`. */
    values: listOf(num(), "a non-empty list of finite numbers"),
    ...nameOption("PiecewiseConstant"),
  }),
  build: ({ boundaries, values }, { fail }) => {
    if (boundaries.length !== values.length - 1) {
      return fail("values", values, `a list of ${boundaries.length + 1} values, one more than boundaries (${boundaries.length})`);
    }
    // Keras builds the value for step 0 at once and indexes boundaries[0] there (an IndexError).
    if (boundaries.length === 0) return fail("boundaries", boundaries, "a non-empty list (Keras raises an IndexError at its first evaluation)");
    const cuts = Float64Array.from(boundaries, Math.trunc);
    const levels = Float64Array.from(values);
    const last = cuts.length - 1;
    return {
      // Keras' sum of indicator * value terms, in its order: unsorted boundaries can add two values or none.
      shape(t) {
        let value = 0;
        if (t <= cuts[0]!) value += levels[0]!;
        if (t > cuts[last]!) value += levels[last + 1]!;
        for (let k = 0; k < last; k++) if (t > cuts[k]! && t <= cuts[k + 1]!) value += levels[k + 1]!;
        return value;
      },
      lr: everyGroup,
    };
  },
});

export type PiecewiseConstantDecay = InstanceType<typeof PiecewiseConstantDecay>;
export type PiecewiseConstantDecayOptions = SchedulerOptions<typeof PiecewiseConstantDecay>;
