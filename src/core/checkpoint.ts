/**
 * Checkpoints as data. `readStateDict` validates a state dict (ours, or the reference's own
 * through the definition's dialect table) into a complete candidate state, the values it will write
 * included, changing nothing; the engine then commits it. Nesting is limited, and no loop runs over
 * a count taken from the dict, so every load is bounded by the dict's size.
 */
import { InvalidOptionError, InvalidStateDictError, LRSchedulerError, StateDictMismatchError, StepError, type SettingDifference } from "./errors.js";
import { encodeNumber } from "./json.js";
import { parseOptions, type Spelling } from "./options.js";
import { readReference } from "./reference.js";
import type { CompleteForm } from "./schedule.js";
import { STATE_FORMAT, STATE_VERSION, StateReader, isOwnStateDict, optionsToJson, type SchedulerStateDict } from "./state.js";
import { channelsOf, computeValues, heldOf, leaveExtras, valuesFor, type ChannelName, type HeldValues, type StepValues } from "./values.js";
import { fieldsOf } from "./build.js";
import { internal, type EngineState, type LRScheduler } from "./engine.js";

/**
 * What `loadStateDict` does when the checkpoint's options differ from the constructor's:
 * `"checkpoint"` takes the checkpoint's, `"current"` keeps the constructor's and restores only the
 * progress, `"strict"` refuses with a StateDictMismatchError listing every difference.
 */
export type ConfigPolicy = "checkpoint" | "current" | "strict";
const POLICIES: readonly ConfigPolicy[] = ["checkpoint", "current", "strict"];

/** How deep sub-schedulers may nest in a state dict (and in a config). */
export const MAX_NESTING = 32;

/** A validated state, with its sub-schedulers' and the values the load will write. */
export interface Candidate {
  readonly scheduler: LRScheduler;
  readonly state: EngineState;
  readonly children: readonly Candidate[];
  readonly lastLr: readonly number[] | undefined;
  /** The field the counter was read from, for errors about the restored step. */
  readonly counterField: string;
  /** The load writes nothing into the groups (a reference dict without a step counter). */
  readonly leavesGroups?: boolean;
  /** A metric-driven schedule's cuts so far (its factor when another scheduler drives the optimizer too). */
  readonly scale?: readonly number[];
  /** The values the load writes (top level only: a composite writes the groups, not its sub-schedulers). */
  readonly values: StepValues | undefined;
}

function readPolicy(scheduler: LRScheduler, options: unknown): ConfigPolicy {
  if (options === undefined) return scheduler.definition.loadPolicy?.(scheduler.options as never) ?? "checkpoint";
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw new InvalidOptionError(scheduler.type, "loadStateDict options", options, '{ config: "checkpoint" | "current" | "strict" } or absent');
  }
  const { config, ...rest } = options as { config?: unknown };
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new InvalidOptionError(scheduler.type, unknown, (rest as Record<string, unknown>)[unknown], "absent (loadStateDict takes only config)", "unknown-option");
  if (config === undefined) return scheduler.definition.loadPolicy?.(scheduler.options as never) ?? "checkpoint";
  if (!POLICIES.includes(config as ConfigPolicy)) {
    throw new InvalidOptionError(scheduler.type, "config", config, `one of ${POLICIES.map((p) => `"${p}"`).join(", ")}`);
  }
  return config as ConfigPolicy;
}

/** Validates `dict` for `scheduler` and computes what the load would write. Changes nothing. */
export function readStateDict(scheduler: LRScheduler, dict: unknown, options: unknown): Candidate {
  const policy = readPolicy(scheduler, options);
  const candidate = validate(scheduler, dict, policy, 0, "");
  return { ...candidate, values: valuesOf(scheduler, candidate) };
}

/** Replaces option and state errors raised while re-validating a checkpoint's options by state-dict errors at `path`. */
function asStateError(error: unknown, type: string, path: (option: string) => string): never {
  if (error instanceof InvalidOptionError) throw new InvalidStateDictError(type, path(error.option), error.value, error.expected);
  throw error;
}

const isNullish = (v: unknown): boolean => v === null || v === undefined || (Array.isArray(v) && v.every((x) => x === null));
const holdsFunction = (v: unknown): boolean => typeof v === "function" || (Array.isArray(v) && v.some((x) => typeof x === "function"));

function differences(found: Record<string, unknown>, current: Readonly<Record<string, unknown>>, keys: readonly string[], field: (k: string) => string): SettingDifference[] {
  const replacer = (_k: string, v: unknown) => (typeof v === "function" ? undefined : typeof v === "object" && v !== null && internal in v ? `<${(v as LRScheduler).type}>` : v);
  return keys
    .filter((k) => !holdsFunction(current[k]) && JSON.stringify(found[k], replacer) !== JSON.stringify(current[k], replacer))
    .map((k) => ({ field: field(k), checkpointValue: found[k], currentValue: current[k] }));
}

interface ChosenOptions {
  options: Readonly<Record<string, unknown>>;
  spelled: Spelling;
}

/** The options a load runs with, under `policy`: the checkpoint's (`found` over the current ones), the constructor's, or the constructor's if they agree. */
function chooseOptions(scheduler: LRScheduler, found: Record<string, unknown>, policy: ConfigPolicy, compared: readonly string[], field: (k: string) => string): ChosenOptions {
  const current = scheduler[internal].state;
  if (policy === "current") return { options: current.options, spelled: current.spelled };
  let parsed: { options: Record<string, unknown>; spelled: Spelling };
  try {
    parsed = parseOptions(fieldsOf(scheduler.definition), { ...current.options, ...found }, scheduler.type);
  } catch (error) {
    asStateError(error, scheduler.type, (option) => field(option));
  }
  if (policy === "strict") {
    const diffs = differences(parsed.options, current.options, compared, field);
    if (diffs.length > 0) throw new StateDictMismatchError(scheduler.type, diffs[0]!.field, diffs[0]!.checkpointValue, diffs[0]!.currentValue, diffs);
    // Equal as JSON: the constructor's options stay, bit for bit (a checkpoint's -0 is its 0).
    return { options: current.options, spelled: current.spelled };
  }
  return { options: parsed.options, spelled: current.spelled };
}

/**
 * The counter of a state, within the convention's range; a sub-scheduler may stand one below it
 * (PyTorch's SequentialLR winds the ones not started yet back to -1).
 */
function readCounter(scheduler: LRScheduler, reader: StateReader, key: string, value: unknown, child = false): number {
  const counter = scheduler.definition.counter;
  const plateau = scheduler[internal].state.form.plateau !== undefined;
  const min = (plateau ? 0 : counter.min) - (child ? 1 : 0);
  const integer = counter.integer;
  const ok = typeof value === "number" && Number.isFinite(value) && value >= min && value <= Number.MAX_SAFE_INTEGER && (!integer || Number.isInteger(value));
  if (!ok) reader.fail(key, `${integer ? "an integer" : "a finite number"} from ${min} to ${Number.MAX_SAFE_INTEGER}`, value);
  return value as number;
}

/**
 * The base lrs of a state are >= 0 where the schedule takes them from the groups (as a constructor
 * checks them): not where it sets its own (OneCycleLR's `max_lr / div_factor`), nor for absolute ones.
 */
function checkBaseLrsOf(scheduler: LRScheduler, reader: StateReader, key: string | undefined, baseLrs: readonly number[], form: CompleteForm): void {
  if (key === undefined || form.baseLrs || (scheduler.definition.base ?? "initialLr") === "absolute") return;
  const i = baseLrs.findIndex((v) => !(v >= 0));
  if (i >= 0) reader.fail(`${key}[${i}]`, "a finite number >= 0 (a base lr: PyTorch's optimizers refuse a negative lr)", baseLrs[i]);
}

function readHeld(reader: StateReader, groups: number): HeldValues | undefined {
  if (!reader.has("held")) return undefined;
  const raw = reader.object("held");
  const held: Record<string, (number | null)[]> = {};
  for (const name of Object.keys(raw)) {
    if (!["lr", "momentum", "beta1", "beta2", "weightDecay"].includes(name)) reader.fail(`held.${name}`, "absent (held values are lr, momentum, beta1, beta2 or weightDecay)", raw[name]);
    const list = raw[name];
    if (!Array.isArray(list) || list.length !== groups || !list.every((v) => v === null || (typeof v === "number" && Number.isFinite(v)))) {
      reader.fail(`held.${name}`, `a list of ${groups} finite numbers or nulls`, list);
    }
    if (name === "lr" && list.some((v) => v === null)) reader.fail("held.lr", `a list of ${groups} finite numbers`, list);
    held[name] = [...(list as (number | null)[])];
  }
  return held as HeldValues;
}

function readPlateau(scheduler: LRScheduler, raw: Record<string, unknown>, base: Record<string, unknown> | undefined, field: (key: string) => string): Record<string, unknown> | undefined {
  const plateau = scheduler[internal].state.form.plateau;
  if (!plateau) return undefined;
  try {
    return parseOptions(plateau.fields, { ...(base ?? plateau.initial), ...raw }, scheduler.type).options;
  } catch (error) {
    asStateError(error, scheduler.type, field);
  }
}

function validate(scheduler: LRScheduler, dict: unknown, policy: ConfigPolicy, depth: number, prefix: string): Candidate {
  const type = scheduler.type;
  if (depth > MAX_NESTING) throw new InvalidStateDictError(type, prefix.replace(/\.$/, "") || "(state dict)", "(nested)", `at most ${MAX_NESTING} levels of sub-schedulers deep`, "nesting-too-deep");
  const reader = StateReader.of(type, dict, prefix);
  return isOwnStateDict(dict) ? validateOwn(scheduler, reader, policy, depth) : validateReference(scheduler, reader, policy, depth);
}

function validateChildren(scheduler: LRScheduler, list: unknown, reader: StateReader, key: string, policy: ConfigPolicy, depth: number): Candidate[] {
  const children = scheduler[internal].state.children;
  if (children.length === 0) return [];
  if (!Array.isArray(list) || list.length !== children.length) reader.fail(key, `a list of ${children.length} sub-scheduler state dicts`, list);
  return children.map((child, i) => validate(child, list[i], policy, depth + 1, `${reader.prefix}${key}[${i}].`));
}

function validateOwn(scheduler: LRScheduler, reader: StateReader, policy: ConfigPolicy, depth: number): Candidate {
  const type = scheduler.type;
  const definition = scheduler.definition;
  const current = scheduler[internal].state;
  const groups = scheduler.optimizer.paramGroups.length;
  reader.string("format", [STATE_FORMAT]);
  if (reader.raw("version") !== STATE_VERSION) reader.fail("version", `${STATE_VERSION} (the only format version this release reads)`);
  if (reader.raw("type") !== type) {
    throw new InvalidStateDictError(type, `${reader.prefix}type`, reader.raw("type"), `"${type}" (a state dict of this schedule; it is another scheduler's)`, "wrong-state-dict-type");
  }
  const raw = reader.has("options") ? reader.object("options") : {};
  const childKeys = definition.childOptions ?? [];
  const found: Record<string, unknown> = {};
  for (const key of Object.keys(raw)) {
    if (childKeys.includes(key)) continue;
    // Functions cannot be saved: a null placeholder keeps the constructor's.
    if (isNullish(raw[key]) && holdsFunction(current.options[key])) continue;
    Object.defineProperty(found, key, { value: raw[key], enumerable: true, writable: true, configurable: true });
  }
  const chosen = chooseOptions(scheduler, found, policy, [...new Set([...Object.keys(found), ...Object.keys(current.options)])].filter((k) => !childKeys.includes(k)), (k) => `${reader.prefix}options.${k}`);
  const children = validateChildren(scheduler, reader.raw("children"), reader, "children", policy, depth);
  const baseLrs = reader.numbers("baseLrs", groups);
  const lastEpoch = readCounter(scheduler, reader, "lastEpoch", reader.raw("lastEpoch"), depth > 0);
  const plateauForm = current.form.plateau;
  const lastLr = plateauForm ? reader.numbers("lastLr", groups) : reader.has("lastLr") ? reader.numbers("lastLr", groups, { allowNonFinite: true }) : undefined;
  const plateau = readPlateau(scheduler, reader.has("extra") ? reader.object("extra") : {}, undefined, (key) => `${reader.prefix}extra.${key}`);
  const form = buildCandidate(scheduler, chosen, baseLrs, children, (option) => `${reader.prefix}options.${option}`);
  checkBaseLrsOf(scheduler, reader, "baseLrs", baseLrs, form);
  const state = stateOf(current, chosen, form, baseLrs, { lastEpoch, started: reader.has("started") ? reader.boolean("started") : true, held: readHeld(reader, groups), plateau });
  let scale: number[] | undefined;
  if (plateauForm && reader.has("scale")) {
    scale = reader.numbers("scale", groups);
    if (!scale.every((v) => v >= 0)) reader.fail("scale", `a list of ${groups} finite numbers >= 0 (the cuts so far)`);
  }
  return { scheduler, state, children, lastLr, counterField: `${reader.prefix}lastEpoch`, scale, values: undefined };
}

/** The engine state a validated dict describes: its options, form and base lrs, the scheduler's own sub-schedulers, and where the counter and values stand. */
function stateOf(current: EngineState, chosen: ChosenOptions, form: CompleteForm, baseLrs: readonly number[], at: Pick<EngineState, "lastEpoch" | "started" | "held" | "plateau">): EngineState {
  return { ...chosen, baseLrs: Object.freeze([...(form.baseLrs ?? baseLrs)]), form, children: current.children, ...at };
}

/** A sub-scheduler whose state a reference dict does not carry: it stays as it is. */
function unchanged(scheduler: LRScheduler): Candidate {
  const inner = scheduler[internal];
  return { scheduler, state: inner.state, children: inner.state.children.map(unchanged), lastLr: undefined, counterField: "lastEpoch", values: undefined };
}

function validateReference(scheduler: LRScheduler, reader: StateReader, policy: ConfigPolicy, depth: number): Candidate {
  const type = scheduler.type;
  const dialect = scheduler.definition.reference;
  if (!dialect) {
    throw new InvalidStateDictError(type, reader.prefix.replace(/\.$/, "") || "(state dict)", reader.dict, `a state dict written by stateDict() (format "${STATE_FORMAT}"; this schedule reads no reference format)`);
  }
  const current = scheduler[internal].state;
  const groups = scheduler.optimizer.paramGroups.length;
  const contents = readReference(dialect, reader, Object.keys(fieldsOf(scheduler.definition)), current.options);
  const found: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(contents.options)) if (!holdsFunction(current.options[key])) found[key] = value;
  const field = (option: string) => {
    const head = /^[A-Za-z0-9_]+/.exec(option)?.[0] ?? option;
    return reader.prefix + (contents.optionKeys[head] ?? head) + option.slice(head.length);
  };
  const chosen = chooseOptions(scheduler, found, policy, Object.keys(found), field);
  const children = contents.childrenKey
    ? validateChildren(scheduler, reader.raw(contents.childrenKey), reader, contents.childrenKey, policy, depth)
    : current.children.map(unchanged);
  const child = depth > 0;
  // A dict without a counter of its own (PyTorch's ChainedScheduler) has its step in its sub-schedulers' dicts.
  const counterName = contents.counterKey || contents.childrenKey || "";
  let lastEpoch = contents.lastEpoch ?? (contents.counterKey === "" ? current.lastEpoch : readCounter(scheduler, reader, contents.counterKey, reader.raw(contents.counterKey), child));
  if (dialect.addsCounter) {
    const n = reader.raw(contents.counterKey);
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) reader.fail(contents.counterKey, "an integer >= 0 (the steps to add)", n);
    lastEpoch = readCounter(scheduler, reader, contents.counterKey, current.lastEpoch + n, child);
  } else lastEpoch = readCounter(scheduler, reader, counterName, lastEpoch, child);
  const baseLrs = contents.baseLrsKey ? reader.numbers(contents.baseLrsKey, groups) : current.baseLrs;
  const plateauForm = current.form.plateau;
  const lastLr = contents.lastLrKey ? reader.numbers(contents.lastLrKey, groups, { allowNonFinite: !plateauForm }) : undefined;
  if (plateauForm && lastLr === undefined && !dialect.leavesGroups) reader.fail(dialect.lastLr ?? "_last_lr", `a list of ${groups} finite numbers (the lrs to restore)`);
  const plateau = readPlateau(scheduler, contents.state, current.plateau, (key) => reader.prefix + (dialect.state?.[key] ?? key));
  const form = buildCandidate(scheduler, chosen, baseLrs, children, field);
  checkBaseLrsOf(scheduler, reader, contents.baseLrsKey, baseLrs, form);
  let held: HeldValues | undefined;
  if (dialect.writtenWithPreviousSettings) held = previousValues(scheduler, current.form, form, lastEpoch, dialect.writtenWithPreviousSettings);
  if (contents.jumped && form.jumpShape) held = jumpValues(scheduler, form, lastEpoch);
  const started = dialect.leavesGroups ? current.started : true;
  if (dialect.leavesGroups && !form.plateau) held = valuesLeft(scheduler, form, lastEpoch, started);
  const state = stateOf(current, chosen, form, baseLrs, { lastEpoch, started, held, plateau });
  const counterField = (reader.prefix + counterName).replace(/\.$/, "") || "(state dict)";
  return { scheduler, state, children, lastLr, counterField, leavesGroups: dialect.leavesGroups === true, values: undefined };
}

function buildCandidate(scheduler: LRScheduler, chosen: ChosenOptions, baseLrs: readonly number[], children: readonly Candidate[], field: (option: string) => string): CompleteForm {
  const inner = scheduler[internal];
  const childForms = children.map((c) => c.scheduler[internal].childForm(c.state));
  // Errors raised while building name options by their camelCase key; `field` maps them onto the dict's.
  const identity = Object.fromEntries(Object.keys(fieldsOf(scheduler.definition)).map((k) => [k, k]));
  try {
    return inner.build(chosen.options as Record<string, unknown>, identity, baseLrs, childForms);
  } catch (error) {
    asStateError(error, scheduler.type, field);
  }
}

/** Held values for a load that writes some channels with the previous settings: the new form's values, those channels from the old one. */
function previousValues(scheduler: LRScheduler, before: CompleteForm, after: CompleteForm, t: number, names: readonly ChannelName[]): HeldValues | undefined {
  const groups = scheduler.optimizer.paramGroups.length;
  const next = valuesFor(after, groups);
  const old = valuesFor(before, groups);
  try {
    computeValues(next, after, t, scheduler.type);
    computeValues(old, before, t, scheduler.type);
  } catch {
    return undefined; // the values are checked (and refused) with the candidate's own form
  }
  const previous = new Map(channelsOf(old));
  const held: Record<string, (number | null)[]> = {};
  let differs = false;
  for (const [name, values] of channelsOf(next)) {
    const source = names.includes(name) ? (previous.get(name) ?? values) : values;
    if (source !== values && source.some((v, i) => !Object.is(v, values[i]))) differs = true;
    held[name] = Array.from(source, (v) => (v === v ? v : null));
  }
  return differs ? (held as HeldValues) : undefined;
}

/**
 * The lrs a load that writes nothing leaves in the groups (timm's state has no time), held while they
 * are not the loaded schedule's own at its step, so that this scheduler's own state dict restores them.
 */
function valuesLeft(scheduler: LRScheduler, form: CompleteForm, t: number, started: boolean): HeldValues | undefined {
  const left = scheduler[internal].lastLr;
  if (!left.every(Number.isFinite)) return undefined;
  const values = valuesFor(form, left.length);
  try {
    if (!started && form.beforeStart) left.forEach((_, i) => (values.lr[i] = form.beforeStart!(i)));
    else computeValues(values, form, t, scheduler.type);
  } catch {
    return { lr: [...left] };
  }
  return left.every((v, i) => Object.is(v, values.lr[i])) ? undefined : { lr: [...left] };
}

/** The values of a step reached by `step(x)` (the form's `jumpShape`), held until the counter moves. */
function jumpValues(scheduler: LRScheduler, form: CompleteForm, t: number): HeldValues | undefined {
  const values = valuesFor(form, scheduler.optimizer.paramGroups.length);
  try {
    computeValues(values, form, t, scheduler.type, true);
  } catch {
    return undefined; // the candidate's plain values are checked (and refused) below
  }
  return heldOf(values);
}

/** The values a validated candidate writes: held ones, the metric state's lrs, or the closed form at its step. */
function valuesOf(scheduler: LRScheduler, candidate: Candidate): StepValues {
  const { form, lastEpoch: t, held, started } = candidate.state;
  const groups = scheduler.optimizer.paramGroups.length;
  const values = valuesFor(form, groups);
  const fail = (reason: string): never => {
    throw new InvalidStateDictError(scheduler.type, candidate.counterField, t, `a step at which the schedule's values are finite (${reason})`);
  };
  if (form.end !== undefined && t > form.end) {
    throw new InvalidStateDictError(scheduler.type, candidate.counterField, t, `at most ${form.end} (the schedule's last step)`);
  }
  if (candidate.leavesGroups) {
    values.lr.fill(NaN);
    leaveExtras(values);
  } else if (form.plateau) {
    values.lr.set(candidate.lastLr!);
    leaveExtras(values);
  } else if (held) {
    for (const [name, array] of channelsOf(values)) {
      const list = held[name];
      if (list) array.set(list.map((v) => v ?? NaN));
      else array.fill(NaN);
    }
  } else if (!started && form.beforeStart) {
    for (let i = 0; i < groups; i++) values.lr[i] = form.beforeStart(i);
    if (!values.lr.every(Number.isFinite)) fail("the value before the first step is not finite");
    leaveExtras(values);
  } else {
    try {
      computeValues(values, form, t, scheduler.type);
    } catch (error) {
      if (error instanceof StepError || (error instanceof LRSchedulerError && !(error instanceof InvalidStateDictError))) fail(error.message);
      throw error;
    }
  }
  return values;
}

/** Our own format: plain JSON tagged with format, version and type. */
export function writeStateDict(scheduler: LRScheduler): SchedulerStateDict {
  const inner = scheduler[internal];
  const state = inner.state;
  const childKeys = scheduler.definition.childOptions ?? [];
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(state.options)) if (!childKeys.includes(key)) options[key] = value;
  const { json, functions } = optionsToJson(options);
  const dict: SchedulerStateDict = {
    format: STATE_FORMAT,
    version: STATE_VERSION,
    type: scheduler.type,
    lastEpoch: state.lastEpoch,
    baseLrs: [...state.baseLrs],
    lastLr: inner.lastLr.map(encodeNumber),
    options: json,
  };
  if (functions.length > 0) dict.functionOptions = functions;
  if (!state.started) dict.started = false;
  if (state.held) dict.held = JSON.parse(JSON.stringify(state.held)) as Record<string, (number | null)[]>;
  if (state.plateau) dict.extra = optionsToJson(state.plateau).json;
  if (state.children.length > 0) dict.children = state.children.map((c) => c.stateDict());
  if (state.plateau && inner.scale.some((v) => v !== 1)) dict.scale = Array.from(inner.scale);
  return dict;
}
