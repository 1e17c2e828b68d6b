import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { warmupOptions } from "./options.js";

/**
 * Hugging Face's `get_constant_schedule_with_warmup`: a linear warmup from 0 over
 * `num_warmup_steps` (`t / max(1, W)`), then the group's initial lr.
 * @example
 * const scheduler = new ConstantScheduleWithWarmup(optimizer, { numWarmupSteps: 500 });
 */
export const ConstantScheduleWithWarmup = /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: "get_constant_schedule_with_warmup",
    family: "transformers",
    options: warmupOptions,
    factor: ({ numWarmupSteps: warmup }) => {
      const warmupDivisor = Math.max(1.0, warmup);
      return (t) => (t < warmup ? t / warmupDivisor : 1.0);
    },
  }),
);
export type ConstantScheduleWithWarmup = InstanceType<typeof ConstantScheduleWithWarmup>;
export type ConstantScheduleWithWarmupOptions = SchedulerOptions<typeof ConstantScheduleWithWarmup>;

/**
 * `get_constant_schedule_with_warmup(optimizer, num_warmup_steps, last_epoch=-1)`.
 * @example
 * const scheduler = getConstantScheduleWithWarmup(optimizer, { numWarmupSteps: 500 });
 */
export function getConstantScheduleWithWarmup(optimizer: Optimizer, options: ConstantScheduleWithWarmupOptions): ConstantScheduleWithWarmup {
  return new ConstantScheduleWithWarmup(optimizer, options);
}
