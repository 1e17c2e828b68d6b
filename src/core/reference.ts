/**
 * Reading a reference implementation's own `state_dict()`: each family describes its dialect as a
 * table of keys, and this module reads a dict against that table. A key the table does not know is
 * refused: the dict then belongs to another schedule (a PyTorch StepLR dict given to CosineAnnealingLR).
 */
import { InvalidStateDictError } from "./errors.js";
import { pythonName, toSnakeCase } from "./options.js";
import type { StateReader } from "./state.js";
import type { ChannelName } from "./values.js";

/** What a converter makes of keys whose meaning needs arithmetic (PyTorch's `T_cur`, `_schedule_phases`). */
export interface ConvertedReference {
  /** Options under camelCase keys, as found (validated afterwards like any option). */
  readonly options?: Readonly<Record<string, unknown>>;
  /** The counter, where the table's counter key does not give it directly. */
  readonly lastEpoch?: number;
  /** The keys the converter read (they are not refused as unknown). */
  readonly consumed: readonly string[];
  /** The dict was saved right after a `step(x)` whose values the closed form computes with `jumpShape`. */
  readonly jumped?: boolean;
}

/** How a reference's `state_dict()` is laid out. */
export interface ReferenceDialect {
  /** The keys that may hold the step counter, in lookup order (PyTorch `last_epoch`, Megatron `num_iters` then `num_steps`); empty when the dict has none (the counter stays). */
  readonly counter: readonly string[];
  /** Loading writes nothing into the groups (timm: its state has no time; the next `step(epoch)` sets it). */
  readonly leavesGroups?: boolean;
  /** The loaded count is added to the current one (Megatron's `load_state_dict` calls `step(increment=num_steps)`). */
  readonly addsCounter?: boolean;
  /** The key of the base lrs (PyTorch `base_lrs`); absent: the current base lrs stay. */
  readonly baseLrs?: string;
  /** The key of the lrs last written (PyTorch `_last_lr`). */
  readonly lastLr?: string;
  /** Options under the reference's keys: camelCase option -> the keys that may hold it, in lookup order. */
  readonly options?: Readonly<Record<string, readonly string[]>>;
  /** Also look every option up under its Python name (PyTorch keeps its constructor arguments as attributes), except these. */
  readonly optionsByName?: { readonly except: readonly string[] };
  /** Keys that must be present: what tells this schedule's dicts from another's. */
  readonly required?: readonly string[];
  /** A metric-driven schedule's state fields -> their keys (`numBadEpochs` -> `num_bad_epochs`). */
  readonly state?: Readonly<Record<string, string>>;
  /** The key of the sub-schedulers' dicts (PyTorch `_schedulers`). */
  readonly children?: string;
  /** Keys of the reference's own bookkeeping: read and ignored. */
  readonly ignored?: readonly string[];
  /** Channels that a load writes with the settings from before the load (Megatron writes the weight decay before applying the loaded settings). */
  readonly writtenWithPreviousSettings?: readonly ChannelName[];
  /** For keys whose meaning needs arithmetic. */
  readonly convert?: (dict: Readonly<Record<string, unknown>>, reader: StateReader, current: Readonly<Record<string, unknown>>) => ConvertedReference;
}

/** What a reference dict holds, in our terms (nothing validated beyond the keys). */
export interface ReferenceContents {
  /** Found options, camelCase key -> value, and the key each was read from. */
  options: Record<string, unknown>;
  optionKeys: Record<string, string>;
  counterKey: string;
  lastEpoch: number | undefined;
  baseLrsKey: string | undefined;
  lastLrKey: string | undefined;
  state: Record<string, unknown>;
  childrenKey: string | undefined;
  jumped: boolean;
}

const has = (dict: Record<string, unknown>, key: string) => Object.prototype.hasOwnProperty.call(dict, key) && dict[key] !== undefined;

/** Reads a reference dict against its table. @throws InvalidStateDictError for an unknown key, a missing required key, or no counter. */
export function readReference(dialect: ReferenceDialect, reader: StateReader, optionKeys: readonly string[], current: Readonly<Record<string, unknown>>): ReferenceContents {
  const dict = reader.dict;
  const known = new Set<string>([...dialect.counter, ...(dialect.ignored ?? [])]);
  const out: ReferenceContents = {
    options: {},
    optionKeys: {},
    counterKey: dialect.counter.find((k) => has(dict, k)) ?? dialect.counter[dialect.counter.length - 1] ?? "",
    lastEpoch: undefined,
    baseLrsKey: undefined,
    lastLrKey: undefined,
    state: {},
    childrenKey: undefined,
    jumped: false,
  };
  const lookups: [string, readonly string[]][] = Object.entries(dialect.options ?? {});
  if (dialect.optionsByName) {
    for (const key of optionKeys) {
      if (!dialect.optionsByName.except.includes(key) && !dialect.options?.[key]) lookups.push([key, [...new Set([pythonName(key), toSnakeCase(key)])]]);
    }
  }
  for (const [option, keys] of lookups) {
    keys.forEach((k) => known.add(k));
    const key = keys.find((k) => has(dict, k) && dict[k] !== null);
    if (key !== undefined) {
      out.options[option] = dict[key];
      out.optionKeys[option] = key;
    }
  }
  for (const [field, key] of Object.entries(dialect.state ?? {})) {
    known.add(key);
    if (has(dict, key)) out.state[field] = dict[key];
  }
  for (const [slot, key] of [["baseLrsKey", dialect.baseLrs], ["lastLrKey", dialect.lastLr], ["childrenKey", dialect.children]] as const) {
    if (key === undefined) continue;
    known.add(key);
    if (has(dict, key)) out[slot] = key;
  }
  if (dialect.convert) {
    const converted = dialect.convert(dict, reader, current);
    out.jumped = converted.jumped === true;
    converted.consumed.forEach((k) => known.add(k));
    Object.assign(out.options, converted.options);
    for (const key of Object.keys(converted.options ?? {})) out.optionKeys[key] ??= key;
    out.lastEpoch = converted.lastEpoch;
  }
  for (const key of Object.keys(dict)) {
    if (!known.has(key)) {
      throw new InvalidStateDictError(
        reader.schedulerType,
        reader.prefix + key,
        dict[key],
        `absent: "${key}" is not a field of this schedule's reference state_dict() (is the dict another scheduler's?)`,
        "wrong-state-dict-type",
      );
    }
  }
  if (out.lastEpoch === undefined && dialect.counter.length > 0 && !dialect.counter.some((k) => has(dict, k))) {
    reader.fail(out.counterKey, "the step counter (a number)");
  }
  for (const key of dialect.required ?? []) {
    if (!has(dict, key)) {
      throw new InvalidStateDictError(reader.schedulerType, reader.prefix + key, undefined, `present (this schedule's reference state_dict() has "${key}"; is the dict another scheduler's?)`, "wrong-state-dict-type");
    }
  }
  return out;
}
