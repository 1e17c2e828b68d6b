import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { optionalNumber, warmupOptions } from "./options.js";

/**
 * Hugging Face's `get_inverse_sqrt_schedule`: a linear warmup from 0, then
 * `1 / sqrt((step + timescale - num_warmup_steps) / timescale)`; `timescale` defaults to
 * `num_warmup_steps or 10000`.
 * @example
 * const scheduler = new InverseSqrtSchedule(optimizer, { numWarmupSteps: 4000 });
 */
export const InverseSqrtSchedule = /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: "get_inverse_sqrt_schedule",
    family: "transformers",
    options: () => ({
      ...warmupOptions(),
      /** Time scale of the decay; absent (or null): `num_warmup_steps`, or 10000 when that is 0. */
      timescale: optionalNumber(),
    }),
    factor: ({ numWarmupSteps: warmup, timescale: given }) => {
      const timescale = given ?? (warmup || 10_000);
      const warmupDivisor = Math.max(1, warmup);
      const shift = timescale - warmup;
      return (t) => {
        if (t < warmup) return t / warmupDivisor;
        // Python divides by a timescale of 0 (ZeroDivisionError), so the step is refused.
        if (timescale === 0) return NaN;
        // A negative ratio (a negative timescale) has no square root: NaN here, a ValueError in Python.
        return 1.0 / Math.sqrt((t + shift) / timescale);
      };
    },
  }),
);
export type InverseSqrtSchedule = InstanceType<typeof InverseSqrtSchedule>;
export type InverseSqrtScheduleOptions = SchedulerOptions<typeof InverseSqrtSchedule>;

/**
 * `get_inverse_sqrt_schedule(optimizer, num_warmup_steps, timescale=None, last_epoch=-1)`.
 * @example
 * const scheduler = getInverseSqrtSchedule(optimizer, { numWarmupSteps: 4000 });
 */
export function getInverseSqrtSchedule(optimizer: Optimizer, options: InverseSqrtScheduleOptions): InverseSqrtSchedule {
  return new InverseSqrtSchedule(optimizer, options);
}
