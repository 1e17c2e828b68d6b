import type { SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { num, withDefault } from "../../core/schema.js";
import { polynomialForm } from "./polynomial-schedule.js";
import { defineOptaxSchedule } from "./common.js";

/**
 * optax's `linear_schedule`: `polynomial_schedule` with `power=1`, a straight line from `init_value`
 * (held until `transition_begin`) to `end_value` over `transition_steps` counts.
 * @example
 * const scheduler = new OptaxLinearSchedule(optimizer, { initValue: 0, endValue: 0.1, transitionSteps: 30 });
 */
export const OptaxLinearSchedule = /* @__PURE__ */ defineOptaxSchedule({
  type: "linear_schedule",
  options: () => ({
    /** The value up to `transitionBegin`. */
    initValue: num(),
    /** The value from `transitionBegin + transitionSteps` on. */
    endValue: num(),
    /** Counts over which the value moves; <= 0 makes the schedule a constant `initValue` (logged). */
    transitionSteps: num(),
    /** Counts before the transition starts; a negative one becomes 0 (logged). */
    transitionBegin: withDefault(num(), 0),
  }),
  build: (o, ctx) => polynomialForm({ ...o, power: 1 }, ctx),
});

export type OptaxLinearSchedule = InstanceType<typeof OptaxLinearSchedule>;
export type OptaxLinearScheduleOptions = SchedulerOptions<typeof OptaxLinearSchedule>;

/**
 * `optax.linear_schedule(...)` on an optimizer.
 * @example
 * const warmup = linearSchedule(optimizer, { initValue: 0, endValue: 0.1, transitionSteps: 30 });
 */
export function linearSchedule(optimizer: Optimizer, options: OptaxLinearScheduleOptions): OptaxLinearSchedule {
  return new OptaxLinearSchedule(optimizer, options);
}
