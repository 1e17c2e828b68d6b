import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { factorSchedule } from "../shared/factor-schedule.js";

/**
 * Hugging Face's `get_constant_schedule`: every group keeps its initial lr.
 * @example
 * const scheduler = new ConstantSchedule(optimizer);
 */
export const ConstantSchedule = /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: "get_constant_schedule",
    family: "transformers",
    options: () => ({}),
    factor: () => () => 1,
  }),
);
export type ConstantSchedule = InstanceType<typeof ConstantSchedule>;
export type ConstantScheduleOptions = SchedulerOptions<typeof ConstantSchedule>;

/**
 * `get_constant_schedule(optimizer, last_epoch=-1)`.
 * @example
 * const scheduler = getConstantSchedule(optimizer);
 */
export function getConstantSchedule(optimizer: Optimizer, options: ConstantScheduleOptions = {}): ConstantSchedule {
  return new ConstantSchedule(optimizer, options);
}
