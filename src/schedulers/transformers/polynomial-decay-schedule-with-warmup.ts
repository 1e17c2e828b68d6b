import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { nonNegativeNumber, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { FactorSchedule, resolveLinearWarmup, type LinearWarmup } from "./factor-schedule.js";
import { defaultsLr, warmupTrainingSchema, type WarmupTrainingOptions } from "./options.js";

export interface PolynomialDecayScheduleWithWarmupOptions extends WarmupTrainingOptions {
  /** The lr reached at `num_training_steps` and kept afterwards. Default 1e-7. */
  lrEnd?: number;
  /** Exponent of the decay; 1 (the default) is linear. */
  power?: number;
}

interface Resolved extends LinearWarmup {
  total: number;
  /** `num_training_steps - num_warmup_steps` (never 0: refused). */
  decaySteps: number;
  /** Hugging Face's `lr_init`: the optimizer's `defaults.lr` (see `defaultsLr`). */
  lrInit: number;
  lrEnd: number;
  /** `lr_init - lr_end`. */
  span: number;
  /** `lr_end / lr_init`, the factor from `num_training_steps` on. */
  endFactor: number;
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
    const { numWarmupSteps: warmup, numTrainingSteps: total } = options;
    return {
      ...resolveLinearWarmup(warmup),
      total,
      decaySteps: total - warmup,
      lrInit,
      lrEnd,
      span: lrInit - lrEnd,
      endFactor: lrEnd / lrInit,
      power: options.power ?? 1.0,
    };
  }

  protected factor(t: number): number {
    const r = this.resolved;
    if (t < r.warmupSteps) return t / r.warmupDivisor;
    if (t > r.total) return r.endFactor;
    const x = 1 - (t - r.warmupSteps) / r.decaySteps;
    // x ** 1 is x and x ** 2 is x * x in V8 (its runtime and its compilers agree on both), without a call to pow.
    const power = r.power;
    return (r.span * (power === 1 ? x : power === 2 ? x * x : x ** power) + r.lrEnd) / r.lrInit;
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
