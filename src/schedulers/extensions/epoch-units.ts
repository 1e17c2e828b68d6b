import { retime } from "../../core/compose.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { LRScheduler } from "../../core/engine.js";
import * as z from "zod/mini";
import { nonNegativeNumber, oneOf, positiveNumber, schedulerInstance, withDefault } from "../../core/schema.js";
import { extensionSteps } from "./counter.js";

export type PastEnd = "hold" | "error" | "continue";

/**
 * Steps a schedule written in epochs once per batch: at batch step b the lr is the schedule's value at
 * epoch b / stepsPerEpoch (fractional), and past `endEpoch` it holds, errs or continues.
 * @example
 * const cosine = new CosineAnnealingLR(optimizer, { tMax: 90 });          // 90 epochs
 * const perBatch = inEpochs(cosine, { stepsPerEpoch: 500, endEpoch: 90 }); // step() after every batch
 */
export const EpochUnits = /* @__PURE__ */ defineSchedule({
  type: "EpochUnits",
  family: "extensions",
  counter: extensionSteps,
  options: () => ({
    /** A schedule written in epochs (StepLR's step_size, CosineAnnealingLR's T_max, ...). */
    schedule: schedulerInstance(),
    /** Batches per epoch: this scheduler is stepped once per batch and feeds the schedule fractional epochs. */
    stepsPerEpoch: positiveNumber(),
    /** Where the schedule ends, in epochs. Default: no end. */
    endEpoch: z.optional(nonNegativeNumber()),
    /** Past `endEpoch`: `"hold"` the last value, `"error"` (step() throws a StepError) or `"continue"` the schedule's own formula. */
    pastEnd: withDefault(oneOf(["hold", "error", "continue"] as const), "hold"),
  }),
  children: (o) => [o.schedule as LRScheduler],
  childOptions: ["schedule"],
  build({ stepsPerEpoch, endEpoch = Infinity, pastEnd }, { children, groups }) {
    const inner = children[0]!;
    const epochAt = (t: number) => {
      const epoch = t / stepsPerEpoch;
      return inner.start + (pastEnd === "continue" || epoch <= endEpoch ? epoch : endEpoch);
    };
    const form = { ...retime(inner.form, epochAt, groups.length, inner.scheduler, inner.type), baseLrs: inner.baseLrs };
    const end = Math.min(pastEnd === "error" ? endEpoch * stepsPerEpoch : Infinity, lastStepWithinCounter(epochAt));
    return end === Infinity ? form : { ...form, end };
  },
});

/**
 * The last step at which the sub-schedule's counter (`epochAt(t)`, non-decreasing in t) is still
 * within every counter's range (up to 2**53 - 1), Infinity when every step is: with fewer than one
 * step per epoch, or a sub-schedule resumed far along, the epochs outrun the steps, and a step past
 * this one is refused rather than taken into a state that no checkpoint could hold. Found by
 * bisection (at most about a thousand halvings of a double's range), whatever the options.
 */
function lastStepWithinCounter(epochAt: (t: number) => number): number {
  const max = Number.MAX_SAFE_INTEGER;
  if (epochAt(max) <= max) return Infinity;
  // epochAt(hi) > max; epochAt(lo) <= max unless the sub-schedule starts past the range, and then
  // no step is allowed (0, the counter's start).
  let lo = 0;
  let hi = max;
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid === lo || mid === hi) return lo;
    if (epochAt(mid) <= max) lo = mid;
    else hi = mid;
  }
}

export type EpochUnits = InstanceType<typeof EpochUnits>;
export type EpochUnitsOptions = SchedulerOptions<typeof EpochUnits>;

/** Steps `scheduler`, written in epochs, once per batch (see EpochUnits). */
export function inEpochs(scheduler: LRScheduler, options: Omit<EpochUnitsOptions, "schedule">): EpochUnits {
  return new EpochUnits(scheduler.optimizer, { schedule: scheduler, ...options });
}
