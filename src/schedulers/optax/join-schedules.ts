import { sequence } from "../../core/compose.js";
import type { SchedulerOptions } from "../../core/define.js";
import type { LRScheduler } from "../../core/engine.js";
import type { Optimizer } from "../../core/optimizer.js";
import { listOf, num, schedulerInstance } from "../../core/schema.js";
import { defineOptaxSchedule } from "./common.js";

/**
 * optax's `join_schedules`: `schedules[0]` until the first boundary, then at count `t` the last
 * schedule `k >= 1` whose `boundaries[k - 1] <= t`, read at its own count `t - boundaries[k - 1]`.
 * The children are schedulers of any family on the same optimizer (in `createScheduler`,
 * `{ type, params }` configs), joined by the core's `sequence`. Nothing is checked, as in optax: a
 * smaller later boundary overrides an earlier one, extra schedules or boundaries are dropped (`zip`),
 * a negative boundary runs its schedule ahead.
 * @example
 * const scheduler = createScheduler(optimizer, {
 *   type: "join_schedules",
 *   params: {
 *     schedules: [
 *       { type: "linear_schedule", params: { init_value: 0, end_value: 0.1, transition_steps: 10 } },
 *       { type: "cosine_decay_schedule", params: { init_value: 0.1, decay_steps: 90 } },
 *     ],
 *     boundaries: [10],
 *   },
 * });
 */
export const OptaxJoinSchedules = /* @__PURE__ */ defineOptaxSchedule({
  type: "join_schedules",
  options: () => ({
    /** The schedules, in order, built on the same optimizer; each gets the count since its boundary. */
    schedules: listOf(schedulerInstance(), "a list of schedulers (LRScheduler instances, or { type, params } configs in createScheduler)"),
    /** The counts at which `schedules[k + 1]` takes over (not checked, as in optax). */
    boundaries: listOf(num(), "a list of finite numbers (counts)"),
  }),
  children: (o) => o.schedules as readonly LRScheduler[],
  childOptions: ["schedules"],
  build({ schedules, boundaries }, { children, groups, fail }) {
    if (schedules.length === 0) {
      return fail("schedules", schedules, "a non-empty list (optax's join_schedules raises IndexError at its first evaluation, count 0, which construction performs)");
    }
    return sequence(
      children.map((c) => ({ form: c.form, start: c.start, child: c.scheduler, name: c.type })),
      boundaries,
      groups.length,
    );
  },
});

export type OptaxJoinSchedules = InstanceType<typeof OptaxJoinSchedules>;
export type OptaxJoinSchedulesOptions = SchedulerOptions<typeof OptaxJoinSchedules>;

/**
 * `optax.join_schedules(schedules, boundaries)` on the schedulers' optimizer.
 * @example
 * const warmup = linearSchedule(optimizer, { initValue: 0, endValue: 0.1, transitionSteps: 10 });
 * const decay = cosineDecaySchedule(optimizer, { initValue: 0.1, decaySteps: 90 });
 * const scheduler = joinSchedules(optimizer, { schedules: [warmup, decay], boundaries: [10] });
 */
export function joinSchedules(optimizer: Optimizer, options: OptaxJoinSchedulesOptions): OptaxJoinSchedules {
  return new OptaxJoinSchedules(optimizer, options);
}
