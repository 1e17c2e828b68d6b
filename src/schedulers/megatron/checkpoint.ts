/**
 * Megatron's own `state_dict()` as a reference dialect. Megatron saves ten values; older releases
 * saved some of them under other names (`start_lr`, `warmup_iter`, `end_iter`, `decay_style`,
 * `num_iters`, ...), which are still read. Its `load_state_dict` adds the saved `num_steps` to the
 * current count (it calls `step(increment=num_steps)`), and that step writes the weight decay before
 * the saved weight-decay settings are applied.
 */
import type { ConvertedReference, ReferenceDialect } from "../../core/reference.js";
import type { StateReader } from "../../core/state.js";

/** For each lr option, the keys a Megatron `state_dict()` may hold it under, in the order Megatron looks for them. */
export const REFERENCE_KEYS = {
  maxLr: ["start_lr", "max_lr"],
  minLr: ["min_lr"],
  lrWarmupSteps: ["warmup_iter", "warmup_steps", "lr_warmup_steps"],
  lrDecaySteps: ["end_iter", "decay_steps", "lr_decay_steps"],
  lrDecayStyle: ["decay_style", "lr_decay_style"],
} as const;

/** The weight-decay settings: Megatron reads them only when the dict has `start_wd` (older checkpoints have none; the constructor's stay). */
const WEIGHT_DECAY_KEYS = { startWd: "start_wd", endWd: "end_wd", wdIncrSteps: "wd_incr_steps", wdIncrStyle: "wd_incr_style" } as const;

/** The step count, `num_iters` in older checkpoints. */
const STEP_KEYS = ["num_iters", "num_steps"] as const;

/**
 * What Megatron's `load_state_dict` requires beyond the table: one key of each lr setting (it raises a
 * KeyError otherwise), and the weight-decay settings, all four, exactly when `start_wd` is present.
 */
function readMegatronKeys(dict: Readonly<Record<string, unknown>>, reader: StateReader): ConvertedReference {
  const weightDecayKeys: readonly string[] = Object.values(WEIGHT_DECAY_KEYS);
  const known: readonly string[] = [...Object.values(REFERENCE_KEYS).flat(), ...weightDecayKeys, ...STEP_KEYS];
  // A key of another schedule's dict: left to the table's check, which names it.
  if (Object.keys(dict).some((key) => !known.includes(key))) return { consumed: [] };
  for (const keys of Object.values(REFERENCE_KEYS)) {
    if (!keys.some((key) => reader.has(key))) reader.fail(keys[keys.length - 1]!, `present (a Megatron checkpoint carries ${keys.join(" or ")})`);
  }
  if (!reader.has(WEIGHT_DECAY_KEYS.startWd)) return { consumed: weightDecayKeys };
  const options: Record<string, unknown> = {};
  for (const [option, key] of Object.entries(WEIGHT_DECAY_KEYS)) {
    if (!reader.has(key)) reader.fail(key, "present (a Megatron checkpoint with start_wd carries it)");
    options[option] = dict[key];
  }
  return { options, consumed: weightDecayKeys };
}

/** Megatron's `state_dict()`, current and pre-rename keys. `init_lr` and the WSD settings are not in it: the constructor's stay. */
export const megatronDialect: ReferenceDialect = {
  counter: STEP_KEYS,
  addsCounter: true,
  options: REFERENCE_KEYS,
  writtenWithPreviousSettings: ["weightDecay"],
  convert: readMegatronKeys,
};
