/**
 * The one scheduler engine. A schedule definition supplies the closed form; this class owns the
 * step counter, computes and checks every value before writing any, writes the groups, and saves
 * and restores state. Because each value is a closed form of the step, resuming is exact and O(1),
 * whatever order the optimizer and the scheduler are restored in.
 */
import { LRSchedulerError, InvalidOptimizerError, InvalidOptionError, StepError, describeValue } from "./errors.js";
import { baseLrsOf, checkBaseLrs, checkOptimizer, writeTransactionally } from "./groups.js";
import type { Optimizer } from "./optimizer.js";
import { parseOptions, pythonName, type Spelling } from "./options.js";
import { buildForm, fieldsOf, spell, type Warning } from "./build.js";
import { nextCount } from "./counter.js";
import type { ChildForm, CompleteForm, Form, ScheduleDefinition } from "./schedule.js";
import { readStateDict, writeStateDict, type Candidate, type ConfigPolicy } from "./checkpoint.js";
import type { SchedulerStateDict } from "./state.js";
import { channelsOf, computeValues, copyInto, heldOf, leaveExtras, valuesFor, writeValues, type ChannelName, type HeldValues, type StepValues } from "./values.js";
import { emitWarning } from "./warnings.js";
import { attach, chainOf, detach, type Chain } from "./chain.js";

export type { ConfigPolicy } from "./checkpoint.js";
export type { HeldValues } from "./values.js";

export interface LoadStateDictOptions {
  /**
   * When the checkpoint's options differ from the constructor's: `"checkpoint"` takes the
   * checkpoint's (PyTorch's behaviour, the default), `"current"` keeps the constructor's and restores
   * only the progress, `"strict"` refuses with a StateDictMismatchError listing every difference.
   */
  config?: ConfigPolicy;
}

/** Everything a scheduler's behaviour depends on. Replaced as a whole by a load. */
export interface EngineState {
  readonly options: Readonly<Record<string, unknown>>;
  readonly spelled: Spelling;
  readonly baseLrs: readonly number[];
  readonly form: CompleteForm;
  readonly children: readonly LRScheduler[];
  lastEpoch: number;
  /** False until the first step of a schedule whose construction writes `beforeStart` values (timm). */
  started: boolean;
  held: HeldValues | undefined;
  /** A metric-driven schedule's state. */
  plateau: Record<string, unknown> | undefined;
}

/** Not part of the public API: what composites and the checkpoint code reach inside a scheduler. */
export const internal: unique symbol = Symbol("lr-schedulers.internal");

export interface Internals {
  readonly state: EngineState;
  readonly lastLr: readonly number[];
  readonly childForm: (state?: EngineState) => ChildForm;
  readonly build: (options: Record<string, unknown>, spelled: Spelling, baseLrs: readonly number[], children: readonly ChildForm[], warnings?: Warning[]) => CompleteForm;
  readonly commit: (candidate: Candidate) => void;
  /** Group `i`'s factor in a chain: its own lr over its base lr (a metric-driven schedule: its cuts so far). */
  readonly factor: (i: number) => number;
  /** The chain clock at this scheduler's last step. */
  readonly stamp: number;
  readonly chainable: boolean;
  /** The scheduler this one's factor multiplies whatever it writes (`withPlateau`). */
  readonly multiplies: object | undefined;
  /** A metric-driven schedule's cuts, per group (1 until the first cut). */
  readonly scale: Float64Array;
  /**
   * For `simulate`: a function giving the values `step()` computes at count `t` (checked as `step()`
   * checks them, NaN for "leave the value"), into arrays of its own, without writing the groups or
   * moving the counter, for counts up to `last` (refused at once, as `step()` would refuse the first
   * count past the schedule's end). Closed forms only.
   */
  readonly previewer: (last: number) => (t: number) => StepValues;
}

/**
 * A learning-rate scheduler: the engine that runs one schedule definition over an optimizer's
 * param groups. Built-in schedules are subclasses made by `defineSchedule` (`new StepLR(optimizer,
 * options)`); `createScheduler` builds any of them from the reference's names.
 */
export class LRScheduler<O extends object = Record<string, unknown>> {
  /** The optimizer whose groups this scheduler writes. */
  readonly optimizer: Optimizer;
  /** The schedule this scheduler runs. */
  readonly definition: ScheduleDefinition;
  #state: EngineState;
  #values: StepValues;
  #lastLr: number[];
  /** Spare plateau state and lrs for a metric step, so that a refused metric changes nothing. */
  #plateauSpare: Record<string, unknown> | undefined;
  #metricLrs: number[];
  /** This scheduler's own lrs at its counter (the group's lrs are these times the other attached schedulers' factors). */
  #own: Float64Array;
  /** The plain values at a jump's step, to tell whether the jump's differ (allocated on the first jump). */
  #spare: StepValues | undefined;
  /** A metric-driven schedule's cuts so far, per group: its factor in a chain. */
  #scale: Float64Array;
  #chain: Chain;
  #stamp = 0;

  constructor(definition: ScheduleDefinition, optimizer: Optimizer, options?: unknown) {
    const type = definition.type;
    const rule = definition.base ?? "initialLr";
    checkOptimizer(optimizer, type, rule);
    const { options: parsed, spelled } = parseOptions(fieldsOf(definition), options, type);
    const counter = definition.counter;
    const start = counter.start(parsed);
    if (!(Math.abs(start) <= Number.MAX_SAFE_INTEGER)) {
      // A counter no step could move and no checkpoint could hold (PyTorch's last_epoch of 2**53 - 1 starts past it).
      const option = counter.startOption;
      const value = option === undefined ? start : (parsed as Record<string, unknown>)[option];
      throw new InvalidOptionError(type, option === undefined ? "options" : spell(option, spelled), value, `a value that starts the counter at most 2**53 - 1 (${Number.MAX_SAFE_INTEGER}) away from 0; this one starts it at ${start}`);
    }
    const fresh = counter.fresh(parsed);
    const groups = optimizer.paramGroups;
    const children = childrenOf(definition, parsed, optimizer, spelled);
    const baseLrs = baseLrsOf(groups, rule, fresh, type, spelled.lastEpoch ?? "last_epoch");
    const warnings: Warning[] = [];
    const form = buildForm(definition, parsed, spelled, optimizer, baseLrs, children.map((c) => c[internal].childForm()), warnings);
    if (!form.baseLrs) checkBaseLrs(groups, baseLrs, rule, type);
    this.optimizer = optimizer;
    this.definition = definition;
    this.#values = valuesFor(form, groups.length);
    this.#metricLrs = groups.map(() => 0);
    this.#own = new Float64Array(groups.length);
    this.#scale = new Float64Array(groups.length).fill(1);
    this.#plateauSpare = form.plateau ? { ...form.plateau.initial } : undefined;
    const writes = !form.plateau && (counter.writesAtStart === "always" || (counter.writesAtStart === "fresh" && fresh));
    try {
      if (form.beforeStart) this.#computeBeforeStart(form);
      else if (writes) computeValues(this.#values, form, start, type);
    } catch (error) {
      // Options that pass every check yet overflow at once (an eta_min of -1e308) are invalid options.
      if (!(error instanceof StepError)) throw error;
      throw new InvalidOptionError(type, "options", options, `values that give finite values at the first step (${error.message})`);
    }
    const written = this.#values.lr;
    const recordedBase = form.baseLrs ?? (rule === "absolute" && (writes || form.beforeStart) ? Array.from(written) : baseLrs);
    this.#own.set(writes || form.beforeStart ? written : groups.map((g) => g.lr ?? NaN));
    this.#state = {
      options: Object.freeze(parsed),
      spelled,
      baseLrs: Object.freeze([...recordedBase]),
      form,
      children,
      lastEpoch: start,
      started: form.beforeStart === undefined,
      held: undefined,
      plateau: form.plateau ? { ...form.plateau.initial } : undefined,
    };
    // A composite's sub-schedulers are its own; this scheduler joins the optimizer's chain once built.
    const others = (chainOf(optimizer)?.members ?? []).filter((m) => !(children as object[]).includes(m));
    this.#chain = { members: [...others, this], clock: 0 };
    if (writes && others.length > 0 && this.#chainable) this.#applyChain();
    writeTransactionally(groups, type, () => {
      if (fresh && form.groupFields) {
        groups.forEach((g, i) => {
          for (const [key, value] of Object.entries(form.groupFields!(i))) (g as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value;
        });
      }
      if (rule === "initialLr") for (const g of groups) if (g.initialLr === undefined) g.initialLr = g.lr;
      if (writes || form.beforeStart) writeValues(this.#values, groups);
    });
    for (const child of children) detach(optimizer, child);
    this.#chain = attach(optimizer, this);
    // Construction wrote the groups: what other schedulers did before is in this one's start.
    this.#stamp = this.#chain.clock;
    this.#lastLr = groups.map((g) => g.lr);
    if (form.childClocks && (writes || form.beforeStart)) this.#syncChildren(form, start);
    for (const w of warnings) emitWarning(type, w.code, w.message);
  }

  /** The registered type of this scheduler, e.g. `"StepLR"`. */
  get type(): string {
    return this.definition.type;
  }

  /** The validated options (camelCase, defaults filled in). Replaced by `loadStateDict` with the checkpoint's. */
  get options(): Readonly<O> {
    return this.#state.options as unknown as O;
  }

  /** Each group's base lr (PyTorch's `base_lrs`). */
  get baseLrs(): readonly number[] {
    return this.#state.baseLrs;
  }

  /** The step counter: PyTorch's `last_epoch`, DeepSpeed's `last_batch_iteration`, Megatron's `num_steps`, Keras' `iterations`. */
  get lastEpoch(): number {
    return this.#state.lastEpoch;
  }

  /** A metric-driven schedule's state (ReduceLROnPlateau's best metric and counters), a copy; undefined for closed forms. */
  get plateauState(): Readonly<Record<string, unknown>> | undefined {
    const state = this.#state.plateau;
    return state === undefined ? undefined : { ...state };
  }

  /** False for schedules driven by a metric (ReduceLROnPlateau): they have no closed form over steps. */
  get isClosedForm(): boolean {
    return this.#state.form.plateau === undefined;
  }

  /**
   * Advances the schedule by one step and writes the new values into the optimizer's groups; with an
   * argument, does what the family's `step(x)` does (PyTorch: jump to epoch x; DeepSpeed: to batch
   * iteration x; Megatron: add x steps). A metric-driven schedule takes the metric: `step(metric)`.
   * Every value is checked before any is written: a refused step changes nothing.
   * @throws StepError for an argument the convention refuses, a step past the end, or a value that overflows
   */
  step(x?: number, epoch?: number): void {
    const state = this.#state;
    if (state.form.plateau) return this.#stepMetric(x, epoch);
    const t = nextCount(this.definition, state.lastEpoch, x, state.form.end);
    const form = state.form;
    const jump = x !== undefined && form.jumpShape !== undefined;
    computeValues(this.#values, form, t, this.type, jump);
    const held = jump ? this.#heldAfterJump(form, t) : undefined;
    if (this.#chain.members.length > 1) this.#chained(t);
    else copyInto(this.#own, this.#values.lr);
    this.#write();
    this.#stamp = ++this.#chain.clock;
    state.lastEpoch = t;
    state.started = true;
    state.held = held;
    const lrs = this.#values.lr;
    const last = this.#lastLr;
    for (let i = 0; i < lrs.length; i++) if (lrs[i] === lrs[i]) last[i] = lrs[i]!;
    if (form.childClocks) this.#syncChildren(form, t);
  }

  /**
   * The values of a `step(x)` that the plain closed form would not give at `x` (PyTorch's
   * CosineAnnealingWarmRestarts finds the cycle another way there), kept until the counter moves so
   * that a state dict restores them; undefined when they are the plain values, as they usually are.
   */
  #heldAfterJump(form: CompleteForm, t: number): HeldValues | undefined {
    const spare = (this.#spare ??= valuesFor(form, this.optimizer.paramGroups.length));
    try {
      computeValues(spare, form, t, this.type);
    } catch {
      return heldOf(this.#values);
    }
    const plain = channelsOf(spare);
    const same = channelsOf(this.#values).every(([, values], k) => values.every((v, i) => Object.is(v, plain[k]![1][i])));
    return same ? undefined : heldOf(this.#values);
  }

  #write(): void {
    try {
      writeValues(this.#values, this.optimizer.paramGroups);
    } catch (error) {
      if (error instanceof LRSchedulerError) throw error;
      throw new InvalidOptimizerError(this.type, "paramGroups", "(a group refused a write)", `writable groups (${error instanceof Error ? error.message : String(error)}); the groups keep their values`);
    }
  }

  get #chainable(): boolean {
    return this.definition.chainable?.(this.#state.options as never) ?? false;
  }

  /**
   * The step's lrs when other schedulers drive the same optimizer: this one's own lrs times their
   * factors, as PyTorch's chainable forms multiply the current lr. A schedule that writes absolute
   * values may step only while the others stand still (PyTorch would overwrite their factors).
   */
  #chained(t: number): void {
    const others = this.#chain.members.filter((m) => m !== this) as LRScheduler[];
    const overwrites = (o: LRScheduler) => o[internal].stamp > this.#stamp && o[internal].multiplies !== this;
    if (!this.#chainable && others.some(overwrites)) {
      const names = others.map((o) => o.type).join(", ");
      throw new StepError(
        this.type,
        t,
        `another scheduler of this optimizer (${names}) has stepped since this one did, and ${this.type} writes absolute lrs, which PyTorch would overwrite step by step; ` +
          "compose them instead (ChainedScheduler or SequentialLR, withWarmup, or a plateau on top with withPlateau), or step only one scheduler per optimizer",
        "step-refused",
      );
    }
    copyInto(this.#own, this.#values.lr);
    if (this.#chainable) this.#applyChain();
    else this.#applyMultipliers();
  }

  /** An absolute schedule's values times the factors of the schedulers put on top of it (`withPlateau`). */
  #applyMultipliers(): void {
    const lrs = this.#values.lr;
    for (const member of this.#chain.members) {
      const other = (member as LRScheduler)[internal];
      if (other.multiplies !== this) continue;
      for (let i = 0; i < lrs.length; i++) lrs[i] = lrs[i]! * other.factor(i);
    }
  }

  /**
   * The lr channel as the base lr times every attached scheduler's factor, this one's included,
   * multiplied in the chain's order: the same bits whichever scheduler stepped (or was loaded) last.
   */
  #applyChain(): void {
    const lrs = this.#values.lr;
    const bases = this.#state.baseLrs;
    for (let i = 0; i < lrs.length; i++) lrs[i] = bases[i]!;
    for (const member of this.#chain.members) {
      const other = (member as LRScheduler)[internal];
      for (let i = 0; i < lrs.length; i++) lrs[i] = lrs[i]! * other.factor(i);
    }
    for (let i = 0; i < lrs.length; i++) {
      if (!(lrs[i]! - lrs[i]! === 0)) throw new StepError(this.type, this.#state.lastEpoch, `the chained lr of param group ${i} is not finite (${lrs[i]})`, "non-finite-value");
    }
  }

  #computeBeforeStart(form: Form): void {
    const values = this.#values;
    for (let i = 0; i < values.lr.length; i++) {
      const v = form.beforeStart!(i);
      if (!(v - v === 0)) throw new StepError(this.type, 0, `the value before the first step is ${v} for param group ${i}`, "non-finite-value");
      values.lr[i] = v;
    }
    leaveExtras(values);
  }

  #stepMetric(metric: unknown, epoch: number | undefined): void {
    const state = this.#state;
    const plateau = state.form.plateau!;
    if (typeof metric !== "number" && !(metric === undefined && plateau.optionalMetric)) {
      const tensor = typeof metric === "object" && metric !== null && typeof (metric as { dataSync?: unknown }).dataSync === "function";
      const advice = tensor ? " (a tensor was given: pass a number, e.g. (await loss.data())[0])" : "";
      throw new StepError(this.type, state.lastEpoch + 1, `step(metric) needs the monitored metric as a number${advice}; got ${describeValue(metric)}`);
    }
    if (epoch !== undefined) {
      if (typeof epoch !== "number" || !Number.isFinite(epoch) || epoch < 0 || epoch > Number.MAX_SAFE_INTEGER) {
        throw new StepError(this.type, state.lastEpoch, `the explicit epoch must be a finite number >= 0; got ${describeValue(epoch)}`);
      }
      if (plateau.explicitEpoch !== "expected") emitWarning(this.type, "deprecated-epoch-argument", "step(metric, epoch) is deprecated in PyTorch; the epoch is recorded as given.");
    }
    const next = epoch ?? state.lastEpoch + 1;
    if (next > Number.MAX_SAFE_INTEGER) throw new StepError(this.type, state.lastEpoch, `the counter cannot go past ${Number.MAX_SAFE_INTEGER}`);
    const groups = this.optimizer.paramGroups;
    const lrs = this.#metricLrs;
    for (let i = 0; i < groups.length; i++) {
      const lr = groups[i]!.lr;
      if (typeof lr !== "number" || !(lr - lr === 0)) {
        throw new InvalidOptimizerError(this.type, `paramGroups[${i}].lr`, lr, "a finite number");
      }
      lrs[i] = lr;
      this.#own[i] = lr;
    }
    const spare = this.#plateauSpare!;
    copyPlateauState(state.plateau!, spare);
    (plateau.step as (state: object, metric: number | undefined, lrs: number[], epoch: number) => void)(spare, metric as number | undefined, lrs, next);
    const written = this.#values.lr;
    for (let i = 0; i < lrs.length; i++) {
      const v = lrs[i]!;
      if (!(v - v === 0)) throw new StepError(this.type, next, `the lr of param group ${i} would be ${v}`, "non-finite-value");
      written[i] = v;
    }
    this.#write();
    // The cuts so far, this schedule's factor when another scheduler drives the optimizer too.
    for (let i = 0; i < lrs.length; i++) {
      const before = this.#own[i]!;
      if (lrs[i] !== before && before !== 0) this.#scale[i] = this.#scale[i]! * (lrs[i]! / before);
    }
    this.#stamp = ++this.#chain.clock;
    this.#plateauSpare = state.plateau;
    state.plateau = spare;
    state.lastEpoch = next;
    for (let i = 0; i < lrs.length; i++) this.#lastLr[i] = lrs[i]!;
  }

  /** A sub-scheduler's counter and lrs, as its composite moved them (the reference's sub-scheduler reports these). */
  static #report(child: LRScheduler, t: number, lrs: readonly number[] | undefined): void {
    const state = child.#state;
    state.lastEpoch = t;
    state.started = true;
    state.held = undefined;
    const last = child.#lastLr;
    if (lrs) for (let i = 0; i < lrs.length; i++) last[i] = lrs[i]!;
  }

  #syncChildren(form: CompleteForm, t: number): void {
    for (const clock of form.childClocks!) {
      const local = clock.at(t);
      if (local !== undefined) LRScheduler.#report(clock.child as LRScheduler, local, clock.takesLr === undefined || clock.takesLr(t) ? this.#lastLr : undefined);
    }
  }

  /** The values of the schedule at the current `lastEpoch`, computed afresh (pure: the groups are not touched). */
  getLr(): number[] {
    const { form, lastEpoch, held, started } = this.#state;
    if (form.plateau) return this.#lastLr.slice();
    if (held?.lr) return held.lr.map((v, i) => v ?? this.#lastLr[i]!);
    if (!started && form.beforeStart) return this.#lastLr.map((_, i) => form.beforeStart!(i));
    // A group the schedule leaves as it is at this step keeps the lr last written.
    return this.#lastLr.map((last, i) => {
      const lr = this.scheduleAt(i, lastEpoch);
      return lr === lr ? lr : last;
    });
  }

  /** The lrs last written into the groups, one per group. */
  getLastLr(): number[] {
    return this.#lastLr.slice();
  }

  /**
   * The closed form, public: the lr group `i` would have at step `t`, without touching the groups.
   * Metric-driven schedules have none: they give the current lr whatever `t`.
   */
  scheduleAt(i: number, t: number): number {
    const form = this.#state.form;
    if (form.plateau) return this.#lastLr[i]!;
    if (form.values) return form.values(t, false).lr[i]!;
    const shared = new Float64Array(form.slots ?? 0);
    return form.lr(i, form.shape ? form.shape(t, shared) : 0, t, shared) ?? NaN;
  }

  /** The scheduler's state as plain JSON (tagged with format, version and type). */
  stateDict(): SchedulerStateDict {
    return writeStateDict(this);
  }

  /**
   * Restores a state dict: ours (from `stateDict()`, possibly after JSON) or the reference
   * implementation's own `state_dict()`. Everything is validated first; a rejected dict changes
   * nothing. Afterwards the groups hold the values of the restored step.
   * @throws InvalidStateDictError naming the field; StateDictMismatchError under `{ config: "strict" }`
   */
  loadStateDict(stateDict: unknown, options?: LoadStateDictOptions): void {
    const candidate = readStateDict(this, stateDict, options);
    this[internal].commit(candidate);
  }

  #internals: Internals | undefined;

  get [internal](): Internals {
    return (this.#internals ??= this.#makeInternals());
  }

  #makeInternals(): Internals {
    const self = this;
    return {
      get state() {
        return self.#state;
      },
      get lastLr() {
        return self.#lastLr;
      },
      childForm: (state = self.#state) => ({
        scheduler: self,
        type: self.type,
        form: state.form,
        baseLrs: state.baseLrs,
        start: self.definition.counter.start(state.options),
      }),
      build: (options, spelled, baseLrs, children, warnings = []) =>
        buildForm(self.definition, options, spelled, self.optimizer, baseLrs, children, warnings),
      commit: (candidate) => self.#commit(candidate),
      factor: (i) => {
        if (self.#state.form.plateau) return self.#scale[i]!;
        const base = self.#state.baseLrs[i]!;
        return base === 0 ? 0 : self.#own[i]! / base;
      },
      get stamp() {
        return self.#stamp;
      },
      get chainable() {
        return self.#chainable;
      },
      get multiplies() {
        return self.definition.multiplies?.(self.#state.options as never);
      },
      get scale() {
        return self.#scale;
      },
      previewer: (last) => {
        const form = self.#state.form;
        // The counter check of the first step that would fail, or of the last (counts only go up by one).
        const checked = form.end !== undefined && last > form.end ? form.end + 1 : last;
        nextCount(self.definition, checked - 1, undefined, form.end);
        const values = valuesFor(form, self.optimizer.paramGroups.length);
        return (t) => {
          computeValues(values, form, t, self.type);
          return values;
        };
      },
    };
  }

  /** Writes a validated candidate's values (all or nothing), then swaps in its state and its children's. */
  #commit(candidate: Candidate): void {
    const values = candidate.values!;
    const previous = { values: this.#values, state: this.#state, own: Float64Array.from(this.#own) };
    // The candidate's own values and base lrs stand in while the chain's product is taken.
    this.#values = values;
    this.#state = candidate.state;
    if (!candidate.leavesGroups) this.#own.set(values.lr);
    try {
      if (!candidate.leavesGroups && !candidate.state.form.plateau && this.#chain.members.length > 1) {
        if (this.#chainable) this.#applyChain();
        else this.#applyMultipliers();
      }
      this.#write();
    } catch (error) {
      this.#values = previous.values;
      this.#state = previous.state;
      this.#own.set(previous.own);
      throw error;
    }
    this.#adopt(candidate);
    this.#values = values;
    const lrs = values.lr;
    for (let i = 0; i < lrs.length; i++) if (lrs[i] === lrs[i]) this.#lastLr[i] = lrs[i]!;
  }

  #adopt(candidate: Candidate): void {
    this.#state = candidate.state;
    if (candidate.lastLr) candidate.lastLr.forEach((v, i) => (this.#lastLr[i] = v));
    this.#values = valuesFor(candidate.state.form, this.optimizer.paramGroups.length);
    this.#spare = undefined;
    this.#plateauSpare = candidate.state.plateau ? { ...candidate.state.plateau } : undefined;
    if (candidate.scale) this.#scale.set(candidate.scale);
    else if (candidate.state.form.plateau) this.#scale.fill(1);
    candidate.children.forEach((child) => (child.scheduler as LRScheduler).#adopt(child));
  }
}

/** Copies a plateau state (plain data) into the spare that a metric step updates. */
function copyPlateauState(from: Record<string, unknown>, to: Record<string, unknown>): void {
  for (const key in from) to[key] = from[key];
}

/** A composite's sub-schedulers, checked: schedulers of the same optimizer, with a closed form. */
function childrenOf(definition: ScheduleDefinition, options: object, optimizer: Optimizer, spelled: Spelling): LRScheduler[] {
  if (!definition.children) return [];
  const children = definition.children(options as never) as LRScheduler[];
  const option = definition.childOptions?.[0] ?? "schedulers";
  const name = spelled[option] ?? pythonName(option);
  children.forEach((child, i) => {
    const path = children.length > 1 || Array.isArray((options as Record<string, unknown>)[option]) ? `${name}[${i}]` : name;
    if (!(child instanceof LRScheduler)) throw new InvalidOptionError(definition.type, path, child, "a scheduler (an LRScheduler)");
    if (child.optimizer !== optimizer) throw new InvalidOptionError(definition.type, path, child.type, "a scheduler of the same optimizer");
    if (!child.isClosedForm) {
      throw new InvalidOptionError(definition.type, path, child.type, "a schedule with a closed form over steps (a metric-driven schedule such as ReduceLROnPlateau cannot be composed)");
    }
  });
  return children;
}

