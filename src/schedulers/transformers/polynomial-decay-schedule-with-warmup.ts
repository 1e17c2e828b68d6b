import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { nonNegativeNumber, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { FactorSchedule, linearWarmup } from "./factor-schedule.js";
import { defaultsLr, warmupTrainingSchema, type WarmupTrainingOptions } from "./options.js";

export interface PolynomialDecayScheduleWithWarmupOptions extends WarmupTrainingOptions {
  /** The lr reached at `num_training_steps` and kept afterwards. Default 1e-7. */
  lrEnd?: number;
  /** Exponent of the decay; 1 (the default) is linear. */
  power?: number;
}

interface Resolved {
  /** Hugging Face's `lr_init`: the optimizer's `defaults.lr` (see `defaultsLr`). */
  lrInit: number;
  lrEnd: number;
  power: number;
}

/**
 * Hugging Face's `get_polynomial_decay_schedule_with_warmup`: linear warmup from 0, then
 * `(lr_init - lr_end) * (1 - progress) ** power + lr_end` until `num_training_steps`, then `lr_end`.
 * As in Python, `lr_init` is the optimizer's `defaults.lr`, not the group's lr: every group is
 * scaled by `decay / lr_init`. Without `defaults.lr`, the first group's initial lr is used.
 */
export class PolynomialDecayScheduleWithWarmup extends FactorSchedule<PolynomialDecayScheduleWithWarmupOptions, Resolved> {
  static readonly schedulerType = "get_polynomial_decay_schedule_with_warmup";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    ...warmupTrainingSchema(),
    lrEnd: z.optional(nonNegativeNumber()),
    power: z.optional(nonNegativeNumber()),
  }));

  constructor(optimizer: Optimizer, options: PolynomialDecayScheduleWithWarmupOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: PolynomialDecayScheduleWithWarmupOptions, optimizer: Optimizer): Resolved {
    const type = PolynomialDecayScheduleWithWarmup.schedulerType;
    const lrInit = defaultsLr(optimizer, type);
    const lrEnd = options.lrEnd ?? 1e-7;
    if (!(lrInit > lrEnd)) {
      throw new InvalidOptionError(type, "lr_end", lrEnd, `smaller than the optimizer's initial lr (${lrInit})`);
    }
    // Python divides by (num_training_steps - num_warmup_steps) at step num_warmup_steps when they are equal.
    if (options.numTrainingSteps === options.numWarmupSteps) {
      throw new InvalidOptionError(type, "num_training_steps", options.numTrainingSteps, "different from num_warmup_steps (the decay would last 0 steps)");
    }
    return { lrInit, lrEnd, power: options.power ?? 1.0 };
  }

  protected factor(t: number): number {
    const { numWarmupSteps: warmup, numTrainingSteps: total } = this.options;
    const { lrInit, lrEnd, power } = this.resolved;
    if (t < warmup) return linearWarmup(t, warmup);
    if (t > total) return lrEnd / lrInit;
    const pctRemaining = 1 - (t - warmup) / (total - warmup);
    return ((lrInit - lrEnd) * pctRemaining ** power + lrEnd) / lrInit;
  }
}

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
