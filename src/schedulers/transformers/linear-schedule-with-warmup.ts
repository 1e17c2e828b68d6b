import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { warmupTrainingOptions } from "./options.js";

/**
 * Hugging Face's `get_linear_schedule_with_warmup`: a linear warmup from 0, then a straight line
 * down to 0 at `num_training_steps`, where it stays: `max(0, (T - t) / max(1, T - W))`.
 * @example
 * const scheduler = new LinearScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000 });
 */
export const LinearScheduleWithWarmup = /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: "get_linear_schedule_with_warmup",
    family: "transformers",
    options: warmupTrainingOptions,
    factor: ({ numWarmupSteps: warmup, numTrainingSteps: total }) => {
      const warmupDivisor = Math.max(1, warmup);
      const decaySteps = Math.max(1, total - warmup);
      return (t) => (t < warmup ? t / warmupDivisor : Math.max(0.0, (total - t) / decaySteps));
    },
  }),
);
export type LinearScheduleWithWarmup = InstanceType<typeof LinearScheduleWithWarmup>;
export type LinearScheduleWithWarmupOptions = SchedulerOptions<typeof LinearScheduleWithWarmup>;

/**
 * `get_linear_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps, last_epoch=-1)`.
 * @example
 * const scheduler = getLinearScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000 });
 */
export function getLinearScheduleWithWarmup(optimizer: Optimizer, options: LinearScheduleWithWarmupOptions): LinearScheduleWithWarmup {
  return new LinearScheduleWithWarmup(optimizer, options);
}
