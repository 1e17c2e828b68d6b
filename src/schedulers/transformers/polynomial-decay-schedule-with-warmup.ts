import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { num, withDefault } from "../../core/schema.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { defaultsLr, warmupTrainingOptions } from "./options.js";

const TYPE = "get_polynomial_decay_schedule_with_warmup" as const;

/**
 * Hugging Face's `get_polynomial_decay_schedule_with_warmup`: a linear warmup from 0, then
 * `(lr_init - lr_end) * (1 - progress) ** power + lr_end` until `num_training_steps`, then `lr_end`.
 * As in Python, `lr_init` is the optimizer's `defaults.lr`, not the group's lr: every group is
 * scaled by `decay / lr_init`. Without `defaults.lr`, the first group's initial lr is used.
 * @example
 * const scheduler = new PolynomialDecayScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, power: 2 });
 */
export const PolynomialDecayScheduleWithWarmup = /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: TYPE,
    family: "transformers",
    options: () => ({
      ...warmupTrainingOptions(),
      /** The lr reached at `num_training_steps` and kept afterwards; below `lr_init`. */
      lrEnd: withDefault(num(), 1e-7),
      /** Exponent of the decay; 1 is linear. */
      power: withDefault(num(), 1.0),
    }),
    factor: ({ numWarmupSteps: warmup, numTrainingSteps: total, lrEnd, power }, context) => {
      const lrInit = defaultsLr(TYPE, context);
      if (!(lrInit > lrEnd)) return context.fail("lrEnd", lrEnd, `smaller than the optimizer's initial lr (${lrInit})`);
      const warmupDivisor = Math.max(1, warmup);
      const lrRange = lrInit - lrEnd;
      const decaySteps = total - warmup;
      return (t) => {
        if (t < warmup) return t / warmupDivisor;
        if (t > total) return lrEnd / lrInit;
        // A decay of 0 steps: Python divides by zero here (ZeroDivisionError), so the step is refused.
        if (decaySteps === 0) return NaN;
        const pctRemaining = 1 - (t - warmup) / decaySteps;
        // A negative power at the last step is 0 ** power: Infinity here, a ZeroDivisionError in Python; refused either way.
        return (lrRange * pctRemaining ** power + lrEnd) / lrInit;
      };
    },
  }),
);
export type PolynomialDecayScheduleWithWarmup = InstanceType<typeof PolynomialDecayScheduleWithWarmup>;
export type PolynomialDecayScheduleWithWarmupOptions = SchedulerOptions<typeof PolynomialDecayScheduleWithWarmup>;

/**
 * `get_polynomial_decay_schedule_with_warmup(optimizer, num_warmup_steps, num_training_steps, lr_end=1e-7, power=1.0, last_epoch=-1)`.
 * @example
 * const scheduler = getPolynomialDecayScheduleWithWarmup(optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000, power: 2 });
 */
export function getPolynomialDecayScheduleWithWarmup(
  optimizer: Optimizer,
  options: PolynomialDecayScheduleWithWarmupOptions,
): PolynomialDecayScheduleWithWarmup {
  return new PolynomialDecayScheduleWithWarmup(optimizer, options);
}
