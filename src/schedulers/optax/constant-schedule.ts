import type { SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { num } from "../../core/schema.js";
import { defineOptaxSchedule, constantForm } from "./common.js";

/**
 * optax's `constant_schedule(value)`: `value` at every count, in every param group.
 * @example
 * const scheduler = new OptaxConstantSchedule(optimizer, { value: 3e-4 });
 */
export const OptaxConstantSchedule = /* @__PURE__ */ defineOptaxSchedule({
  type: "constant_schedule",
  options: () => ({
    /** The value held throughout. */
    value: num(),
  }),
  build: ({ value }) => constantForm(value),
});

export type OptaxConstantSchedule = InstanceType<typeof OptaxConstantSchedule>;
export type OptaxConstantScheduleOptions = SchedulerOptions<typeof OptaxConstantSchedule>;

/**
 * `optax.constant_schedule(value)` on an optimizer: every group's lr is `value`.
 * @example
 * const scheduler = constantSchedule(optimizer, { value: 3e-4 });
 */
export function constantSchedule(optimizer: Optimizer, options: OptaxConstantScheduleOptions): OptaxConstantSchedule {
  return new OptaxConstantSchedule(optimizer, options);
}
