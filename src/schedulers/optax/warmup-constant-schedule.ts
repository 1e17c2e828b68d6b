import type { SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { num } from "../../core/schema.js";
import { polynomialForm } from "./polynomial-schedule.js";
import { defineOptaxSchedule } from "./common.js";

/**
 * optax's `warmup_constant_schedule`: `linear_schedule(init_value, peak_value, warmup_steps)`, a linear
 * warmup held at `peak_value` afterwards. `warmup_steps <= 0` makes it a constant `init_value`: the
 * peak is never reached (optax logs it).
 * @example
 * const scheduler = new OptaxWarmupConstantSchedule(optimizer, { initValue: 0, peakValue: 0.1, warmupSteps: 10 });
 */
export const OptaxWarmupConstantSchedule = /* @__PURE__ */ defineOptaxSchedule({
  type: "warmup_constant_schedule",
  options: () => ({
    /** The value at count 0. */
    initValue: num(),
    /** The value from `warmupSteps` on. */
    peakValue: num(),
    /** The length of the warmup (<= 0: a constant `initValue`, logged). */
    warmupSteps: num(),
  }),
  build: ({ initValue, peakValue, warmupSteps }, ctx) =>
    polynomialForm({ initValue, endValue: peakValue, power: 1, transitionSteps: warmupSteps, transitionBegin: 0 }, ctx),
});

export type OptaxWarmupConstantSchedule = InstanceType<typeof OptaxWarmupConstantSchedule>;
export type OptaxWarmupConstantScheduleOptions = SchedulerOptions<typeof OptaxWarmupConstantSchedule>;

/**
 * `optax.warmup_constant_schedule(...)` on an optimizer.
 * @example
 * const scheduler = warmupConstantSchedule(optimizer, { initValue: 0, peakValue: 0.1, warmupSteps: 500 });
 */
export function warmupConstantSchedule(optimizer: Optimizer, options: OptaxWarmupConstantScheduleOptions): OptaxWarmupConstantSchedule {
  return new OptaxWarmupConstantSchedule(optimizer, options);
}
