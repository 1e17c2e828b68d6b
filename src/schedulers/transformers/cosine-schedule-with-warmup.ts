import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { num, withDefault } from "../../core/schema.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { warmupTrainingOptions } from "./options.js";

/**
 * Hugging Face's `get_cosine_schedule_with_warmup`: a linear warmup from 0, then
 * `max(0, 0.5 * (1 + cos(pi * num_cycles * 2 * progress)))`. Nothing stops it at
 * `num_training_steps`: past the end the cosine rises again (only negative values are clamped to 0),
 * as in Python.
 * @example
 * const scheduler = new CosineScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000 });
 */
export const CosineScheduleWithWarmup = /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: "get_cosine_schedule_with_warmup",
    family: "transformers",
    options: () => ({
      ...warmupTrainingOptions(),
      /** Waves of the cosine; 0.5 is one half wave from the peak down. */
      numCycles: withDefault(num(), 0.5),
    }),
    factor: ({ numWarmupSteps: warmup, numTrainingSteps: total, numCycles }) => {
      const warmupDivisor = Math.max(1, warmup);
      const decaySteps = Math.max(1, total - warmup);
      // Python's `math.pi * num_cycles * 2.0 * progress` is left-associated: folding the constant changes no bit.
      const angle = Math.PI * numCycles * 2.0;
      return (t) => {
        if (t < warmup) return t / warmupDivisor;
        const progress = (t - warmup) / decaySteps;
        return Math.max(0.0, 0.5 * (1.0 + Math.cos(angle * progress)));
      };
    },
  }),
);
export type CosineScheduleWithWarmup = InstanceType<typeof CosineScheduleWithWarmup>;
export type CosineScheduleWithWarmupOptions = SchedulerOptions<typeof CosineScheduleWithWarmup>;

/**
 * `get_cosine_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps, num_cycles=0.5, last_epoch=-1)`.
 * @example
 * const scheduler = getCosineScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000 });
 */
export function getCosineScheduleWithWarmup(optimizer: Optimizer, options: CosineScheduleWithWarmupOptions): CosineScheduleWithWarmup {
  return new CosineScheduleWithWarmup(optimizer, options);
}
