/**
 * The abstract scheduler. A subclass supplies a pure closed form `lrAt(group, step)`; this class
 * owns the step counter, writes the values into the optimizer's groups, and saves and restores
 * state. Because the value at any step is computed directly, resuming is exact and O(1), whatever
 * order the optimizer and the scheduler are restored in.
 */
import {
  InvalidOptimizerError,
  LRSchedulerError,
  InvalidOptionError,
  InvalidStateDictError,
  StateDictMismatchError,
  StepError,
  type SettingDifference,
} from "./errors.js";
import { encodeNumber } from "./json.js";
import type { Optimizer, ParamGroup } from "./optimizer.js";
import { parseOptions, type OptionsSchema } from "./options.js";
import {
  STATE_FORMAT,
  STATE_VERSION,
  StateReader,
  isOwnStateDict,
  optionsToJson,
  type SchedulerStateDict,
} from "./state.js";

/**
 * What `loadStateDict` does when the checkpoint's options differ from the constructor's:
 * `"checkpoint"` takes the checkpoint's (PyTorch's behaviour, the default), `"current"` keeps the
 * constructor's and restores only the progress, `"strict"` refuses with a StateDictMismatchError
 * listing every difference.
 */
export type ConfigPolicy = "checkpoint" | "current" | "strict";
const CONFIG_POLICIES: readonly ConfigPolicy[] = ["checkpoint", "current", "strict"];

export interface LoadStateDictOptions {
  config?: ConfigPolicy;
}

/** Options compared as JSON; sub-schedulers by type, functions not at all (they are never saved). */
function optionDifferences(checkpoint: object, current: object): SettingDifference[] {
  const replacer = (_key: string, value: unknown) =>
    value instanceof LRScheduler ? `<${value.type}>` : typeof value === "function" ? undefined : value;
  const a = checkpoint as Record<string, unknown>;
  const b = current as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys
    .filter((key) => JSON.stringify(a[key], replacer) !== JSON.stringify(b[key], replacer))
    .map((key) => ({ field: `options.${key}`, checkpointValue: a[key], currentValue: b[key] }));
}

/** What a scheduler class exposes statically: its registered name and its options schema. */
export interface SchedulerClass<S extends LRScheduler = LRScheduler> {
  new (optimizer: Optimizer, options: never): S;
  /** The name used by `createScheduler` and written into state dicts. */
  readonly schedulerType: string;
  /** The constructor options' zod/mini schemas under `shape`, camelCase keys: a zod object or `lazySchema(() => ({...}))`. */
  readonly optionsSchema: OptionsSchema;
}

/** A validated state, ready to be committed by `loadStateDict`. */
export interface RestoredState<O, R> {
  options: O;
  resolved: R;
  baseLrs: number[];
  lastEpoch: number;
  lastLr?: number[];
  extra?: unknown;
}

/**
 * Base class of every scheduler.
 *
 * Subclassing rules (the base constructor runs before subclass field initialisers):
 * - declare a static `schedulerType` and `optionsSchema`;
 * - put everything derived from the options into the value returned by `resolve()` (read it back as `this.resolved`),
 *   never into subclass fields read by `lrAt()`;
 * - implement `lrAt(i, t)` as a pure function of options, `baseLrs[i]` and `t`.
 *
 * @example
 * class HalvingLR extends LRScheduler<{ every: number }> {
 *   static readonly schedulerType = "HalvingLR";
 *   static readonly optionsSchema = z.object({ every: positiveInt() });
 *   protected lrAt(i: number, t: number) { return this.baseLrs[i]! * 0.5 ** Math.floor(t / this.options.every); }
 * }
 */
export abstract class LRScheduler<O extends object = object, R = O> {
  /** The optimizer whose groups this scheduler writes. */
  readonly optimizer: Optimizer;
  /** The validated options (camelCase). Replaced by `loadStateDict` with the checkpoint's. */
  options: O;
  /** Values derived from the options and the groups by `resolve()`. */
  protected resolved: R;
  /** Each group's base lr (PyTorch's `base_lrs`). */
  baseLrs: number[];
  /** The step counter: PyTorch's `last_epoch`, DeepSpeed's `last_batch_iteration`, Megatron's `num_steps`. */
  lastEpoch: number;
  /** The lrs last written into the groups; preallocated so that `step()` allocates nothing. */
  protected lastLr: number[];
  /** The lrs being written by `apply()`; swapped with `lastLr` once every group is written. */
  private pendingLr: number[];
  /** The groups' lrs before `apply()` wrote them, put back if a later group's lr overflows. */
  private savedLr: number[];
  /** The config policy of the `readStateDict` call in progress (composites pass it on to their children). */
  protected loadPolicy: ConfigPolicy = "checkpoint";

  constructor(optimizer: Optimizer, options?: unknown) {
    const cls = new.target as unknown as SchedulerClass;
    const type = cls.schedulerType;
    checkOptimizer(optimizer, type);
    const parsed = parseOptions(cls.optionsSchema, options, type) as O;
    this.resolved = this.resolve(parsed, optimizer);
    this.optimizer = optimizer;
    this.options = parsed;
    this.baseLrs = this.initialBaseLrs(parsed);
    this.lastLr = optimizer.paramGroups.map((g) => g.lr);
    this.pendingLr = this.lastLr.slice();
    this.savedLr = this.lastLr.slice();
    this.lastEpoch = this.initialEpoch(parsed);
    try {
      this.initialize();
    } catch (error) {
      // Options that pass every check yet overflow at once (an eta_min of -1e308) are invalid options.
      if (!(error instanceof StepError)) throw error;
      throw new InvalidOptionError(type, "options", options, `values that give a finite lr at the first step (${error.message})`);
    }
  }

  /** The registered type of this scheduler, e.g. `"StepLR"`. */
  get type(): string {
    return (this.constructor as unknown as SchedulerClass).schedulerType;
  }

  /**
   * The closed form: the lr of group `i` at step `t`. Pure; called by `step()`, so it must not allocate.
   * @param i group index
   * @param t step counter (`lastEpoch`)
   */
  protected abstract lrAt(i: number, t: number): number;

  /**
   * Optional speed-up for `step()`: the part of the schedule every group shares at step `t`
   * (`gamma ** k`, a cosine), computed once per step and handed to `lrWithShared` for each group.
   * A schedule that overrides it must override `lrWithShared` too, and keep `lrAt(i, t)` equal to
   * `lrWithShared(i, t, sharedAt(t))`.
   */
  protected sharedAt(_t: number): number {
    return 0;
  }

  /** The lr of group `i` at step `t`, given `sharedAt(t)`. Default: `lrAt(i, t)`. */
  protected lrWithShared(i: number, t: number, _shared: number): number {
    return this.lrAt(i, t);
  }

  /**
   * Validates what the schema cannot (list lengths against the groups, cross-option rules) and
   * derives whatever `lrAt` needs. Pure: it runs before anything is changed, also for `loadStateDict`.
   * @throws InvalidOptionError
   */
  protected resolve(options: O, _optimizer: Optimizer): R {
    return options as unknown as R;
  }

  /** Base lrs at construction: PyTorch's `initial_lr`, set on each group the first time and reused afterwards. */
  protected initialBaseLrs(_options: O): number[] {
    return this.optimizer.paramGroups.map((g) => {
      if (g.initialLr === undefined) g.initialLr = g.lr;
      return g.initialLr;
    });
  }

  /** The counter right after construction (PyTorch: 0, after its initial step). */
  protected initialEpoch(_options: O): number {
    return 0;
  }

  /** Runs at the end of construction; by default writes the values of the initial step into the groups. */
  protected initialize(): void {
    this.apply();
  }

  /**
   * Writes the values for `lastEpoch` into the groups. Arithmetic only, into preallocated buffers;
   * every lr is checked before it is written, and a step that fails part-way puts back what it
   * wrote, so an overflowing schedule never leaves NaN, ±Infinity or half a step in an optimizer.
   * @throws StepError if the schedule gives a non-finite lr at this step
   */
  protected apply(): void {
    const groups = this.optimizer.paramGroups;
    const t = this.lastEpoch;
    if (groups.length !== 1) return this.applyToGroups(groups, t);
    // The common case, small enough for V8 to inline into the caller's loop: compute, check, write.
    const lr = this.lrWithShared(0, t, this.sharedAt(t));
    if (lr - lr !== 0) this.overflowed(t, 0, lr);
    groups[0]!.lr = lr;
    this.lastLr[0] = lr;
    this.applyExtras(t);
  }

  /**
   * `apply()` for several groups, in one pass: each group is written as soon as its lr is checked;
   * if a later group's lr overflows, or its schedule throws, the groups already written get their
   * lrs back. A method of its own, so that it adds nothing to the one-group path V8 inlines, and it
   * takes no fractional number, which a call that is not inlined would have to box.
   */
  private applyToGroups(groups: ParamGroup[], t: number): void {
    const shared = this.sharedAt(t);
    const saved = this.savedLr;
    const next = this.pendingLr;
    let i = 0;
    try {
      for (; i < groups.length; i++) {
        const lr = this.lrWithShared(i, t, shared);
        if (lr - lr !== 0) this.overflowed(t, i, lr);
        const group = groups[i]!;
        saved[i] = group.lr;
        group.lr = lr;
        next[i] = lr;
      }
    } catch (error) {
      for (let k = 0; k < i; k++) groups[k]!.lr = saved[k]!;
      throw error;
    }
    // The new lrs become the last ones: swapping the two arrays copies nothing.
    this.pendingLr = this.lastLr;
    this.lastLr = next;
    this.applyExtras(t);
  }

  /** Kept out of `apply()`, so that V8's inlining budget goes to the schedule's arithmetic. */
  private overflowed(t: number, i: number, lr: number): never {
    throw new StepError(this.type, t, `the schedule gives lr ${lr} for param group ${i} (it overflowed); the groups keep their lrs`);
  }

  /** Moves the counter to `t` and writes the groups; if that fails, the counter goes back and nothing changed. */
  protected moveTo(t: number): void {
    const previous = this.lastEpoch;
    this.lastEpoch = t;
    try {
      this.apply();
    } catch (error) {
      this.lastEpoch = previous;
      throw error;
    }
  }

  /** Hook for values besides the lr (momentum, betas, weight decay) at step `t`. */
  protected applyExtras(_t: number): void {}

  /**
   * Advances the schedule by one step, or (PyTorch's deprecated form) jumps to the given epoch,
   * and writes the new values into the optimizer's groups.
   */
  step(epoch?: number): void {
    if (epoch === undefined) {
      this.moveTo(this.lastEpoch + 1);
      return;
    }
    if (typeof epoch !== "number" || !Number.isFinite(epoch)) {
      throw new StepError(this.type, this.lastEpoch, `the explicit epoch must be a finite number; got ${String(epoch)}`);
    }
    this.moveTo(epoch);
  }

  /**
   * The closed form, public: the lr group `i` would have at step `t`, without touching the groups.
   * Composites (SequentialLR, ChainedScheduler), previews and plots evaluate schedules through it.
   */
  scheduleAt(i: number, t: number): number {
    return this.lrAt(i, t);
  }

  /**
   * The part of the schedule every group shares at step `t` (see `sharedAt`), public so that a
   * composite can evaluate a child once per step and then `scheduleWithShared` once per group.
   * @example
   * const shared = cosine.sharedScheduleAt(t);
   * for (let i = 0; i < groups.length; i++) lrs[i] = cosine.scheduleWithShared(i, t, shared); // === cosine.scheduleAt(i, t)
   */
  sharedScheduleAt(t: number): number {
    return this.sharedAt(t);
  }

  /** `scheduleAt(i, t)`, given `sharedScheduleAt(t)`: the same value, without recomputing the shared part. */
  scheduleWithShared(i: number, t: number, shared: number): number {
    return this.lrWithShared(i, t, shared);
  }

  /** The lrs of the schedule at the current `lastEpoch`, computed afresh (pure: the groups are not touched). */
  getLr(): number[] {
    return this.optimizer.paramGroups.map((_, i) => this.lrAt(i, this.lastEpoch));
  }

  /** The lrs last written into the groups, one per group. */
  getLastLr(): number[] {
    return this.lastLr.slice();
  }

  /** The scheduler's state as plain JSON. */
  stateDict(): SchedulerStateDict {
    const { json, functions } = optionsToJson(this.options);
    const dict: SchedulerStateDict = {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      type: this.type,
      lastEpoch: this.lastEpoch,
      baseLrs: this.baseLrs.slice(),
      lastLr: this.lastLr.map(encodeNumber),
      options: json,
    };
    if (functions.length > 0) dict.functionOptions = functions;
    const extra = this.extraState();
    if (extra !== undefined) dict.extra = extra;
    return dict;
  }

  /**
   * Restores a state dict: ours (from `stateDict()`, possibly after JSON) or the reference
   * implementation's own `state_dict()`. Everything is validated first; a rejected dict changes
   * nothing. Afterwards the groups hold the values of the restored step.
   * @throws InvalidStateDictError naming the field
   */
  loadStateDict(stateDict: unknown, options?: LoadStateDictOptions): void {
    this.applyState(this.readStateDict(stateDict, options));
  }

  /**
   * The first half of `loadStateDict`: validates a state dict (ours or the reference's) and returns
   * what would be restored, changing nothing. Composites validate every child before applying any.
   * @throws InvalidStateDictError
   */
  readStateDict(stateDict: unknown, { config = "checkpoint" }: LoadStateDictOptions = {}): RestoredState<O, R> {
    if (!CONFIG_POLICIES.includes(config)) {
      throw new InvalidOptionError(this.type, "config", config, `one of ${CONFIG_POLICIES.map((p) => `"${p}"`).join(", ")}`);
    }
    const outer = this.loadPolicy;
    this.loadPolicy = config;
    let state: RestoredState<O, R>;
    try {
      state = isOwnStateDict(stateDict) ? this.readOwnState(stateDict) : this.readReferenceState(stateDict);
    } finally {
      this.loadPolicy = outer;
    }
    this.checkRestoredValues(state, isOwnStateDict(stateDict) ? "lastEpoch" : "last_epoch");
    if (config === "checkpoint") return state;
    if (config === "current") return { ...state, options: this.options, resolved: this.resolved };
    const differences = optionDifferences(state.options, this.options);
    if (differences.length > 0) {
      const [first] = differences as [SettingDifference];
      throw new StateDictMismatchError(this.type, first.field, first.checkpointValue, first.currentValue, differences);
    }
    return state;
  }

  /**
   * Evaluates the restored step's lrs before anything is committed (the state is swapped in and back
   * out), so that a counter far outside the schedule is refused instead of writing NaN or ±Infinity.
   */
  private checkRestoredValues(state: RestoredState<O, R>, field: string): void {
    const saved = { options: this.options, resolved: this.resolved, baseLrs: this.baseLrs, lastEpoch: this.lastEpoch };
    let problem: string | undefined;
    try {
      Object.assign(this, { options: state.options, resolved: state.resolved, baseLrs: state.baseLrs, lastEpoch: state.lastEpoch });
      for (let i = 0; i < this.optimizer.paramGroups.length && problem === undefined; i++) {
        const lr = this.lrAt(i, state.lastEpoch);
        if (lr - lr !== 0) problem = `param group ${i} would get lr ${lr}`;
      }
    } catch (error) {
      if (!(error instanceof LRSchedulerError)) throw error;
      problem = error.message;
    } finally {
      Object.assign(this, saved);
    }
    if (problem !== undefined) {
      throw new InvalidStateDictError(this.type, field, state.lastEpoch, `a step at which the schedule's values are finite (${problem})`);
    }
  }

  /** The second half of `loadStateDict`: applies a state returned by `readStateDict`. Cannot fail. */
  applyState(state: RestoredState<O, R>): void {
    this.commit(state);
  }

  /** The counter right after construction (PyTorch: 0; DeepSpeed: -1): where this schedule's own clock starts. */
  get startEpoch(): number {
    return this.initialEpoch(this.options);
  }

  /**
   * False for schedules driven by something other than the step counter (ReduceLROnPlateau's
   * metric): they have no closed form over steps, so composites and previews refuse them.
   */
  get isClosedForm(): boolean {
    return true;
  }

  /** Writes the values besides the lr (momentum, betas, weight decay) for step `t`; used by composites. */
  writeExtras(t: number): void {
    this.applyExtras(t);
  }

  /** Extra mutable state for the state dict (JSON-safe), or undefined. */
  protected extraState(): Record<string, unknown> | undefined {
    return undefined;
  }

  /** Validates the `extra` part of our state dict. */
  protected readExtraState(_reader: StateReader): unknown {
    return undefined;
  }

  /** Applies what `readExtraState` returned. */
  protected commitExtraState(_extra: unknown): void {}

  /** Reads our own format. */
  protected readOwnState(value: unknown): RestoredState<O, R> {
    const type = this.type;
    const reader = StateReader.of(type, value);
    reader.string("format", [STATE_FORMAT]);
    if (reader.raw("version") !== STATE_VERSION) reader.fail("version", `${STATE_VERSION} (the only format version this release reads)`);
    reader.string("type", [type]);
    const groups = this.optimizer.paramGroups.length;
    const rawOptions = reader.object("options");
    const functionOptions = new Set(Array.isArray(reader.raw("functionOptions")) ? (reader.raw("functionOptions") as unknown[]) : []);
    const merged: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(rawOptions)) {
      if (v === null && (functionOptions.has(k) || typeof (this.options as Record<string, unknown>)[k] === "function")) continue;
      merged[k] = v;
    }
    for (const [k, v] of Object.entries(this.options)) if (typeof v === "function" && !(k in merged)) merged[k] = v;
    const { options, resolved } = this.readOptions(merged, "options.");
    return {
      options,
      resolved,
      ...readProgress(reader, groups, OWN_KEYS),
      extra: this.readExtraState(new StateReader(type, reader.has("extra") ? reader.object("extra") : {}, "extra.")),
    };
  }

  /**
   * Reads the reference implementation's `state_dict()`. The default reads PyTorch's keys:
   * `last_epoch`, `base_lrs`, `_last_lr`, and any key that names an option (checkpoint options win,
   * as in PyTorch). Private keys (`_step_count`, ...) are ignored.
   */
  protected readReferenceState(value: unknown): RestoredState<O, R> {
    const reader = StateReader.of(this.type, value);
    const groups = this.optimizer.paramGroups.length;
    const { options, resolved } = this.readOptions({ ...this.options, ...this.referenceOptions(reader) }, "");
    return {
      options,
      resolved,
      ...readProgress(reader, groups, PYTORCH_KEYS),
      extra: this.readReferenceExtraState(reader),
    };
  }

  /** Options found in a reference state dict, under our camelCase keys. Default: the keys that spell an option. */
  protected referenceOptions(reader: StateReader): Record<string, unknown> {
    const schema = (this.constructor as unknown as SchedulerClass).optionsSchema;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(schema.shape)) {
      // PyTorch's counters share names with the `last_epoch` constructor argument; they are state, not options.
      if (key === "lastEpoch" || key === "baseLrs") continue;
      const snake = Object.keys(reader.dict).find((k) => k === key || (k.includes("_") && !k.startsWith("_") && k.replace(/_/g, "").toLowerCase() === key.toLowerCase()));
      if (snake !== undefined && reader.dict[snake] !== null && typeof (this.options as Record<string, unknown>)[key] !== "function") {
        out[key] = reader.dict[snake];
      }
    }
    return out;
  }

  /** Reads extra mutable state from a reference dict (ReduceLROnPlateau's `best`, ...). */
  protected readReferenceExtraState(_reader: StateReader): unknown {
    return undefined;
  }

  /** Validates options coming from a state dict; option errors are reported as state-dict errors. */
  protected readOptions(raw: Record<string, unknown>, prefix: string): { options: O; resolved: R } {
    const cls = this.constructor as unknown as SchedulerClass;
    try {
      const options = parseOptions(cls.optionsSchema, raw, cls.schedulerType) as O;
      return { options, resolved: this.resolve(options, this.optimizer) };
    } catch (error) {
      if (error instanceof InvalidOptionError) {
        throw new InvalidStateDictError(cls.schedulerType, prefix + error.option, error.value, error.expected);
      }
      throw error;
    }
  }

  /** Applies a validated state. Cannot fail. */
  protected commit(state: RestoredState<O, R>): void {
    this.options = state.options;
    this.resolved = state.resolved;
    this.baseLrs = state.baseLrs;
    this.lastEpoch = state.lastEpoch;
    this.commitExtraState(state.extra);
    this.applyRestored(state);
  }

  /** Writes the groups after a load; schedulers whose lr is not a function of the step (ReduceLROnPlateau) restore `lastLr`. */
  protected applyRestored(_state: RestoredState<O, R>): void {
    this.apply();
  }
}

/** Where the progress counters live in our format and in PyTorch's. */
const OWN_KEYS = { baseLrs: "baseLrs", lastEpoch: "lastEpoch", lastLr: "lastLr" } as const;
const PYTORCH_KEYS = { baseLrs: "base_lrs", lastEpoch: "last_epoch", lastLr: "_last_lr" } as const;

function readProgress(reader: StateReader, groups: number, keys: typeof OWN_KEYS | typeof PYTORCH_KEYS) {
  return {
    baseLrs: reader.numbers(keys.baseLrs, groups),
    lastEpoch: reader.number(keys.lastEpoch),
    lastLr: reader.has(keys.lastLr) ? reader.numbers(keys.lastLr, groups, { allowNonFinite: true }) : undefined,
  };
}

/** @throws InvalidOptimizerError unless `optimizer.paramGroups` is a non-empty list of groups with a finite `lr`. */
export function checkOptimizer(optimizer: unknown, schedulerType: string): asserts optimizer is Optimizer {
  if (typeof optimizer !== "object" || optimizer === null) {
    throw new InvalidOptimizerError(schedulerType, "optimizer", optimizer, "an object with paramGroups");
  }
  const groups = (optimizer as { paramGroups?: unknown }).paramGroups;
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new InvalidOptimizerError(schedulerType, "paramGroups", groups, "a non-empty list of param groups");
  }
  groups.forEach((g: unknown, i) => {
    if (typeof g !== "object" || g === null) throw new InvalidOptimizerError(schedulerType, `paramGroups[${i}]`, g, "an object");
    const lr = (g as ParamGroup).lr;
    if (typeof lr !== "number" || !Number.isFinite(lr)) {
      throw new InvalidOptimizerError(schedulerType, `paramGroups[${i}].lr`, lr, "a finite number");
    }
  });
}
