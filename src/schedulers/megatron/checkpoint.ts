/**
 * What OptimizerParamScheduler keeps from a checkpoint. Megatron saves ten values; older Megatron
 * releases saved some of them under other names (`start_lr`, `warmup_iter`, `end_iter`,
 * `decay_style`, `num_iters`, ...), which are still read. Whether a saved value replaces the
 * constructor's is a policy chosen at construction.
 */
import { InvalidStateDictError, StateDictMismatchError } from "../../core/errors.js";
import type { OptionsSchema } from "../../core/options.js";
import type { StateReader } from "../../core/state.js";

/** The options a Megatron checkpoint carries (not `initLr` nor the WSD settings). */
export const CHECKPOINTED_OPTIONS = [
  "maxLr",
  "minLr",
  "lrWarmupSteps",
  "lrDecaySteps",
  "lrDecayStyle",
  "startWd",
  "endWd",
  "wdIncrSteps",
  "wdIncrStyle",
] as const;

export type CheckpointedOption = (typeof CHECKPOINTED_OPTIONS)[number];

/** The weight-decay settings; old checkpoints have none of them, and then the constructor's stay. */
const WEIGHT_DECAY_OPTIONS: readonly CheckpointedOption[] = ["startWd", "endWd", "wdIncrSteps", "wdIncrStyle"];

/** For each option, the keys a Megatron `state_dict()` may use, in the order Megatron looks for them. */
const REFERENCE_KEYS: Record<CheckpointedOption, readonly string[]> = {
  maxLr: ["start_lr", "max_lr"],
  minLr: ["min_lr"],
  lrWarmupSteps: ["warmup_iter", "warmup_steps", "lr_warmup_steps"],
  lrDecaySteps: ["end_iter", "decay_steps", "lr_decay_steps"],
  lrDecayStyle: ["decay_style", "lr_decay_style"],
  startWd: ["start_wd"],
  endWd: ["end_wd"],
  wdIncrSteps: ["wd_incr_steps"],
  wdIncrStyle: ["wd_incr_style"],
};

/** One saved value and the field it was read from (named in errors). */
export interface CheckpointValue {
  option: string;
  field: string;
  value: unknown;
}

/** The saved values of a Megatron `state_dict()` and its step count (`num_steps`, or `num_iters` in old ones). */
export function readReferenceCheckpoint(reader: StateReader): { values: CheckpointValue[]; numSteps: number } {
  const hasWeightDecay = reader.has("start_wd");
  const values: CheckpointValue[] = [];
  for (const option of CHECKPOINTED_OPTIONS) {
    if (!hasWeightDecay && WEIGHT_DECAY_OPTIONS.includes(option)) continue;
    const keys = REFERENCE_KEYS[option];
    const field = keys.find((k) => reader.has(k));
    if (field === undefined) {
      const expected = `present (a Megatron checkpoint${hasWeightDecay && WEIGHT_DECAY_OPTIONS.includes(option) ? " with start_wd" : ""} carries ${keys.join(" or ")})`;
      reader.fail(keys[keys.length - 1]!, expected);
    }
    values.push({ option, field, value: reader.raw(field) });
  }
  const stepsField = reader.has("num_iters") ? "num_iters" : "num_steps";
  return { values, numSteps: reader.number(stepsField, { integer: true, min: 0 }) };
}

/** Options that choose the policy itself: always the constructor's. */
const POLICY_OPTIONS: readonly string[] = ["useCheckpointOptParamScheduler", "overrideOptParamScheduler"];

/** The saved values of our own state dict: every schedule option (it has `initLr` and the WSD settings too), for the same policy. */
export function ownCheckpointValues(schema: OptionsSchema, options: Record<string, unknown>): CheckpointValue[] {
  return Object.keys(schema.shape)
    .filter((option) => !POLICY_OPTIONS.includes(option))
    .map((option) => ({ option, field: `options.${option}`, value: options[option] }));
}

/** The constructor's choice between the checkpoint's values and its own. */
export interface CheckpointPolicy {
  useCheckpointOptParamScheduler?: boolean | undefined;
  overrideOptParamScheduler?: boolean | undefined;
}

/**
 * The options after a load, as Megatron decides them: with `overrideOptParamScheduler` the
 * constructor's values stay; otherwise the checkpoint's replace them, and with
 * `useCheckpointOptParamScheduler: false` they must equal the constructor's.
 * @throws StateDictMismatchError naming the field, with both values
 * @throws InvalidStateDictError when a value that would be taken is not a valid option value
 */
export function applyCheckpointPolicy<O extends CheckpointPolicy>(
  schedulerType: string,
  schema: OptionsSchema,
  current: O,
  values: readonly CheckpointValue[],
): O {
  const merged = { ...current } as Record<string, unknown>;
  if (current.overrideOptParamScheduler === true) return merged as O;
  const mustMatch = current.useCheckpointOptParamScheduler === false;
  for (const { option, field, value } of values) {
    const mine = merged[option];
    // null is Python's None: the same as an option left out.
    if (mustMatch && (value ?? undefined) !== (mine ?? undefined)) throw new StateDictMismatchError(schedulerType, field, value, mine);
    const parsed = schema.shape[option]!.safeParse(value);
    if (!parsed.success) throw new InvalidStateDictError(schedulerType, field, value, parsed.error.issues[0]?.message ?? "a valid value");
    merged[option] = parsed.data;
  }
  return merged as O;
}
