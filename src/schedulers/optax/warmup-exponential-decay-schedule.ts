import * as z from "zod/mini";
import { sequence } from "../../core/compose.js";
import type { SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { bool, num, withDefault } from "../../core/schema.js";
import { exponentialForm } from "./exponential-decay.js";
import { polynomialForm } from "./polynomial-schedule.js";
import { defineOptaxSchedule } from "./common.js";

/**
 * optax's `warmup_exponential_decay_schedule`: `join_schedules([linear_schedule(init_value, peak_value,
 * warmup_steps), exponential_decay(peak_value, ...)], [warmup_steps])`: the decay sees `count - warmup_steps`,
 * so its `transition_begin` counts from the end of the warmup. Joined by the core's `sequence`.
 * @example
 * const scheduler = new OptaxWarmupExponentialDecaySchedule(optimizer, { initValue: 0, peakValue: 0.1, warmupSteps: 20, transitionSteps: 10, decayRate: 0.8, endValue: 0.01 });
 */
export const OptaxWarmupExponentialDecaySchedule = /* @__PURE__ */ defineOptaxSchedule({
  type: "warmup_exponential_decay_schedule",
  options: () => ({
    /** The value at count 0. */
    initValue: num(),
    /** The value reached at `warmupSteps`, where the decay starts from. */
    peakValue: num(),
    /** The length of the linear warmup (<= 0: none, logged). */
    warmupSteps: num(),
    /** Counts per factor of `decayRate`; <= 0 makes the decay a constant `peakValue` (logged). */
    transitionSteps: num(),
    /** The factor per `transitionSteps` counts; 0 makes the decay a constant `peakValue` (logged). */
    decayRate: num(),
    /** Counts after the warmup before the decay starts; a negative one becomes 0 (logged). */
    transitionBegin: withDefault(num(), 0),
    /** Decay in whole periods (`floor`). */
    staircase: withDefault(bool(), false),
    /** A bound applied at every count after the warmup: lower when `decayRate < 1`, upper otherwise. */
    endValue: z.optional(z.nullable(num())),
  }),
  build(o, ctx) {
    const warmup = polynomialForm({ initValue: o.initValue, endValue: o.peakValue, power: 1, transitionSteps: o.warmupSteps, transitionBegin: 0 }, ctx);
    const decay = exponentialForm({ ...o, initValue: o.peakValue }, ctx);
    return sequence([{ form: warmup }, { form: decay }], [o.warmupSteps], ctx.groups.length);
  },
});

export type OptaxWarmupExponentialDecaySchedule = InstanceType<typeof OptaxWarmupExponentialDecaySchedule>;
export type OptaxWarmupExponentialDecayScheduleOptions = SchedulerOptions<typeof OptaxWarmupExponentialDecaySchedule>;

/**
 * `optax.warmup_exponential_decay_schedule(...)` on an optimizer.
 * @example
 * const scheduler = warmupExponentialDecaySchedule(optimizer, { initValue: 0, peakValue: 0.1, warmupSteps: 100, transitionSteps: 1000, decayRate: 0.5 });
 */
export function warmupExponentialDecaySchedule(optimizer: Optimizer, options: OptaxWarmupExponentialDecayScheduleOptions): OptaxWarmupExponentialDecaySchedule {
  return new OptaxWarmupExponentialDecaySchedule(optimizer, options);
}
