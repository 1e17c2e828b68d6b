/**
 * The schedules that are a PyTorch `LambdaLR` around a factor of the step (Hugging Face's schedule
 * functions, SambaFlow's `--lr_schedule`s): every group's lr is its initial lr times `factor(t)`,
 * and construction already writes `factor(0)`. In Python the factor is a closure, so a `LambdaLR`
 * state dict cannot say which schedule it was; here each schedule is a named type whose options
 * travel in its state dict, and the `LambdaLR` dict (`base_lrs`, `last_epoch`, `lr_lambdas`, ...)
 * loads too, keeping the constructor's options.
 */
import { torchEpochs } from "../../core/counter.js";
import type { OptionFields, OptionsOf } from "../../core/options.js";
import type { BuildContext, ScheduleDefinition } from "../../core/schedule.js";
import { lastEpochOption, torchDialect } from "./torch-options.js";

/** A factor schedule's options: its own, then PyTorch's `last_epoch`. */
export type FactorOptionFields<F extends OptionFields> = F & ReturnType<typeof lastEpochOption>;

export interface FactorScheduleSpec<F extends OptionFields, T extends string, Family extends string> {
  /** The reference's own name (the Python function, or SambaFlow's `--lr_schedule` value). */
  readonly type: T;
  readonly family: Family;
  /** The schedule's own options (camelCase keys); `lastEpoch` is added. */
  readonly options: () => F;
  /**
   * Validates what the schemas cannot (with `context.fail`) and returns the factor of the step:
   * plain arithmetic on numbers captured here. A step where the reference raises gives a
   * non-finite factor, which the engine refuses.
   */
  readonly factor: (options: OptionsOf<FactorOptionFields<F>>, context: BuildContext) => (t: number) => number;
}

/**
 * PyTorch's `LambdaLR.state_dict()`: the counter, the base and last lrs, and `lr_lambdas` (one
 * entry per group: `None`, or the `__dict__` of a callable object), which restores nothing here.
 */
export const lambdaLRDialect = () => torchDialect({ ignored: ["lr_lambdas"] });

/**
 * A `LambdaLR`-style schedule definition: counted by `torchEpochs`, base lrs from `initialLr`, the
 * factor as the form's shape (so `lr = base_lr * factor(t)`, the factor computed once per step).
 * @example
 * const Halving = defineSchedule(factorSchedule({
 *   type: "halving", family: "custom",
 *   options: () => ({ every: positiveInt() }),
 *   factor: ({ every }) => (t) => 0.5 ** Math.floor(t / every),
 * }));
 */
export function factorSchedule<F extends OptionFields, const T extends string, const Family extends string>(
  spec: FactorScheduleSpec<F, T, Family>,
): ScheduleDefinition<FactorOptionFields<F>, T, Family> {
  return {
    type: spec.type,
    family: spec.family,
    counter: torchEpochs,
    options: () => ({ ...spec.options(), ...lastEpochOption() }),
    build: (options, context) => ({ shape: spec.factor(options, context) }),
    reference: lambdaLRDialect(),
  };
}
