import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { num, withDefault } from "../../core/schema.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { warmupTrainingOptions } from "./options.js";

/**
 * Hugging Face's `get_cosine_with_hard_restarts_schedule_with_warmup`: a linear warmup from 0, then
 * `num_cycles` half cosines from the peak to 0, each restarting at the peak; 0 from
 * `num_training_steps` on.
 * @example
 * const scheduler = new CosineWithHardRestartsScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, numCycles: 3 });
 */
export const CosineWithHardRestartsScheduleWithWarmup = /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: "get_cosine_with_hard_restarts_schedule_with_warmup",
    family: "transformers",
    options: () => ({
      ...warmupTrainingOptions(),
      /** Half cosines between the warmup and `num_training_steps`, each restarting at the peak. */
      numCycles: withDefault(num(), 1),
    }),
    factor: ({ numWarmupSteps: warmup, numTrainingSteps: total, numCycles }) => {
      const warmupDivisor = Math.max(1, warmup);
      const decaySteps = Math.max(1, total - warmup);
      return (t) => {
        if (t < warmup) return t / warmupDivisor;
        const progress = (t - warmup) / decaySteps;
        if (progress >= 1.0) return 0.0;
        // Python's `% 1.0` takes the divisor's sign; JavaScript's `%` keeps the dividend's, so a negative remainder moves up by 1.
        let cycle = (numCycles * progress) % 1.0;
        if (cycle < 0) cycle += 1.0;
        return Math.max(0.0, 0.5 * (1.0 + Math.cos(Math.PI * cycle)));
      };
    },
  }),
);
export type CosineWithHardRestartsScheduleWithWarmup = InstanceType<typeof CosineWithHardRestartsScheduleWithWarmup>;
export type CosineWithHardRestartsScheduleWithWarmupOptions = SchedulerOptions<typeof CosineWithHardRestartsScheduleWithWarmup>;

/**
 * `get_cosine_with_hard_restarts_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps, num_cycles=1, last_epoch=-1)`.
 * @example
 * const scheduler = getCosineWithHardRestartsScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, numCycles: 3 });
 */
export function getCosineWithHardRestartsScheduleWithWarmup(
  optimizer: Optimizer,
  options: CosineWithHardRestartsScheduleWithWarmupOptions,
): CosineWithHardRestartsScheduleWithWarmup {
  return new CosineWithHardRestartsScheduleWithWarmup(optimizer, options);
}
