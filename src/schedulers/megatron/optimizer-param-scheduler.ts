import { InvalidOptionError, StepError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { LRScheduler, type RestoredState } from "../../core/scheduler.js";
import { respellOptionError } from "../../core/options.js";
import { StateReader } from "../../core/state.js";
import { bool, nonNegativeInt, nonNegativeNumber, num, oneOf, positiveInt, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { applyCheckpointPolicy, ownCheckpointValues, readReferenceCheckpoint } from "./checkpoint.js";
import { readGroupOverrides, type GroupOverrides } from "./group-overrides.js";

export const LR_DECAY_STYLES = ["constant", "linear", "cosine", "inverse-square-root", "WSD"] as const;
export const LR_WSD_DECAY_STYLES = ["linear", "cosine", "exponential", "minus_sqrt"] as const;
export const WD_INCR_STYLES = ["constant", "linear", "cosine"] as const;

export type LrDecayStyle = (typeof LR_DECAY_STYLES)[number];
export type LrWsdDecayStyle = (typeof LR_WSD_DECAY_STYLES)[number];
export type WdIncrStyle = (typeof WD_INCR_STYLES)[number];

export interface OptimizerParamSchedulerOptions {
  /** The lr the warmup starts from (scheduler-wide; groups cannot override it). */
  initLr: number;
  /** The peak lr, reached at the end of the warmup; a group's `maxLr` overrides it. */
  maxLr: number;
  /** The floor lr, reached at `lrDecaySteps`; a group's `minLr` overrides it. */
  minLr: number;
  /** Steps of linear warmup from `initLr` to `maxLr` (0: none; need not be whole). */
  lrWarmupSteps: number;
  /** The step at which the decay reaches `minLr`, counted from 0 (warmup included). */
  lrDecaySteps: number;
  lrDecayStyle: LrDecayStyle;
  /** Weight decay at step 0; a group's `startWd` overrides it. */
  startWd: number;
  /** Weight decay from `wdIncrSteps` on; a group's `endWd` overrides it. */
  endWd: number;
  wdIncrSteps: number;
  /** `constant` needs `startWd === endWd`. */
  wdIncrStyle: WdIncrStyle;
  /** Loading a checkpoint takes its values (default true); with false they must equal the constructor's. */
  useCheckpointOptParamScheduler?: boolean | undefined;
  /** Loading a checkpoint keeps the constructor's values (default false); needs `useCheckpointOptParamScheduler: false`. */
  overrideOptParamScheduler?: boolean | undefined;
  /** WSD: length of the final anneal, which ends at `lrDecaySteps`. Required with `lrDecayStyle: "WSD"`. */
  wsdDecaySteps?: number | null | undefined;
  /** WSD: shape of the final anneal. Required with `lrDecayStyle: "WSD"`. */
  lrWsdDecayStyle?: LrWsdDecayStyle | null | undefined;
}

/** The weight-decay part of the options. */
interface WeightDecaySettings {
  startWd: number;
  endWd: number;
  wdIncrSteps: number;
  wdIncrStyle: WdIncrStyle;
}

/**
 * Weight-decay settings with each group's values resolved, so that a step only does arithmetic, on
 * plain numbers and booleans (comparing the settings' strings per step costs more).
 */
interface WeightDecayPlan {
  settings: WeightDecaySettings;
  startWd: number[];
  endWd: number[];
  wdMult: number[];
  wdIncrSteps: number;
  constant: boolean;
  linear: boolean;
}

function planWeightDecay(settings: WeightDecaySettings, groups: GroupOverrides): WeightDecayPlan {
  return {
    settings,
    startWd: groups.startWd.map((v) => v ?? settings.startWd),
    endWd: groups.endWd.map((v) => v ?? settings.endWd),
    wdMult: groups.wdMult,
    wdIncrSteps: settings.wdIncrSteps,
    constant: settings.wdIncrStyle === "constant",
    linear: settings.wdIncrStyle === "linear",
  };
}

/** Whether the weight decay holds at `endWd` at step `t` (`wdCoefficient` is then 0). */
function wdHolds(plan: WeightDecayPlan, t: number): boolean {
  return t > plan.wdIncrSteps || plan.constant;
}

/**
 * The share of `endWd - startWd` reached at step `t`, the same for every group (0 where `wdHolds`).
 * Always a number: a `number | undefined` would be kept boxed by the JIT, an allocation per step.
 */
function wdCoefficient(plan: WeightDecayPlan, t: number): number {
  if (wdHolds(plan, t)) return 0;
  const ratio = t / plan.wdIncrSteps;
  return plan.linear ? ratio : 0.5 * (Math.cos(Math.PI * (1 - ratio)) + 1);
}

/** The weight decay of group `i`, `wdMult` included, given `wdHolds` and `wdCoefficient` at the step. */
function groupWeightDecay(plan: WeightDecayPlan, i: number, holds: boolean, coeff: number): number {
  const endWd = plan.endWd[i]!;
  if (holds) return endWd * plan.wdMult[i]!;
  const startWd = plan.startWd[i]!;
  return (startWd + coeff * (endWd - startWd)) * plan.wdMult[i]!;
}

/**
 * Per-group values the closed forms read, resolved once from the options and the groups, and the
 * scalars a step reads, as plain numbers (styles by their index in `LR_DECAY_STYLES` and
 * `LR_WSD_DECAY_STYLES`): the options object is slower to read, and strings slower to compare.
 */
interface Resolved {
  maxLr: number[];
  minLr: number[];
  groups: GroupOverrides;
  weightDecay: WeightDecaySettings;
  wdPlan: WeightDecayPlan;
  constantStyle: boolean;
  linearStyle: boolean;
  inverseSqrtStyle: boolean;
  wsdStyle: boolean;
  initLr: number;
  warmupSteps: number;
  /** `lrWarmupSteps`, or NaN without warmup: `t <= warmupEnd` is then false for every t. */
  warmupEnd: number;
  decaySteps: number;
  /** `lrDecaySteps - lrWarmupSteps`. */
  decaySpan: number;
  /** `sqrt(max(lrWarmupSteps, 1))`, the inverse square root's scale. */
  sqrtWarmup: number;
  /** WSD (0 otherwise): the anneal's length, its first step, its style's index in `LR_WSD_DECAY_STYLES`. */
  annealSteps: number;
  annealStart: number;
  annealStyle: number;
  /** `sharedAt(sharedStep)`, kept here rather than returned (see `sharedAt`); a double from the start. */
  shared: number;
  /** The step `shared` belongs to (an integer field: the counter is a whole number of steps). */
  sharedStep: number;
}

const TYPE = "OptimizerParamScheduler";

/**
 * Megatron-LM's `OptimizerParamScheduler`: a warmup from `initLr` to `maxLr`, then a decay to
 * `minLr` (constant, linear, cosine, inverse-square-root or warmup-stable-decay), and a weight decay
 * that increases from `startWd` to `endWd`. Every step writes both `lr` and `weightDecay` (times
 * the group's `wdMult`) into every group. `step(increment)` advances the counter (`num_steps`) by
 * `increment` (default 1); construction is `step(0)`.
 *
 * Loading Megatron's own `state_dict()` follows Megatron: its `num_steps` is added to the current
 * count, and the weight decay written by the load still uses the settings from before the load
 * (the loaded ones apply from the next step). Our own `stateDict()` restores the exact state.
 * @example
 * const scheduler = new OptimizerParamScheduler(optimizer, {
 *   initLr: 0, maxLr: 3e-4, minLr: 3e-5, lrWarmupSteps: 2000, lrDecaySteps: 100_000, lrDecayStyle: "cosine",
 *   startWd: 0.01, endWd: 0.1, wdIncrSteps: 100_000, wdIncrStyle: "linear",
 * });
 * for (let i = 0; i < 100_000; i++) { trainStep(); scheduler.step(); }
 */
export class OptimizerParamScheduler extends LRScheduler<OptimizerParamSchedulerOptions, Resolved> {
  static readonly schedulerType = TYPE;
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    initLr: num(),
    maxLr: num(),
    minLr: nonNegativeNumber(),
    // Megatron's --lr-warmup-fraction makes this a fraction of lr_decay_steps, so it need not be whole.
    lrWarmupSteps: nonNegativeNumber(),
    lrDecaySteps: positiveInt(),
    lrDecayStyle: oneOf(LR_DECAY_STYLES),
    startWd: nonNegativeNumber(),
    endWd: num(),
    wdIncrSteps: nonNegativeInt(),
    wdIncrStyle: oneOf(WD_INCR_STYLES),
    useCheckpointOptParamScheduler: z.optional(bool()),
    overrideOptParamScheduler: z.optional(bool()),
    wsdDecaySteps: z.nullish(nonNegativeInt()),
    lrWsdDecayStyle: z.nullish(oneOf(LR_WSD_DECAY_STYLES)),
  }));

  /** Set by a load of Megatron's own dict: the weight-decay settings the groups' `weightDecay` was written with, until the next step. */
  private writtenWith: WeightDecayPlan | undefined;

  constructor(optimizer: Optimizer, options: OptimizerParamSchedulerOptions) {
    try {
      super(optimizer, options);
    } catch (error) {
      throw respellOptionError(error, options);
    }
  }

  protected override resolve(o: OptimizerParamSchedulerOptions, optimizer: Optimizer): Resolved {
    const fail = (option: string, value: unknown, expected: string): never => {
      throw new InvalidOptionError(TYPE, option, value, expected);
    };
    if (o.maxLr < o.minLr) fail("max_lr", o.maxLr, `>= min_lr (${o.minLr})`);
    if (o.initLr > o.maxLr) fail("init_lr", o.initLr, `<= max_lr (${o.maxLr})`);
    if (o.lrWarmupSteps >= o.lrDecaySteps) fail("lr_warmup_steps", o.lrWarmupSteps, `< lr_decay_steps (${o.lrDecaySteps})`);
    if (o.lrDecayStyle === "WSD") {
      if (o.wsdDecaySteps == null) fail("wsd_decay_steps", o.wsdDecaySteps, 'given when lr_decay_style is "WSD"');
      if (o.lrWsdDecayStyle == null) fail("lr_wsd_decay_style", o.lrWsdDecayStyle, `given when lr_decay_style is "WSD" (one of ${LR_WSD_DECAY_STYLES.join(", ")})`);
    }
    if (o.endWd < o.startWd) fail("end_wd", o.endWd, `>= start_wd (${o.startWd})`);
    if (o.wdIncrStyle === "constant" && o.endWd !== o.startWd) fail("end_wd", o.endWd, `equal to start_wd (${o.startWd}) when wd_incr_style is "constant"`);
    if (o.wdIncrStyle !== "constant" && o.wdIncrSteps === 0) fail("wd_incr_steps", 0, `> 0 when wd_incr_style is "${o.wdIncrStyle}"`);
    if (o.overrideOptParamScheduler === true && o.useCheckpointOptParamScheduler !== false) {
      fail("override_opt_param_scheduler", true, "false unless use_checkpoint_opt_param_scheduler is false (it defaults to true)");
    }
    const groups = readGroupOverrides(optimizer, TYPE, { ...o, constantWd: o.wdIncrStyle === "constant" });
    const maxLr = groups.maxLr.map((v) => v ?? o.maxLr);
    const minLr = groups.minLr.map((v) => v ?? o.minLr);
    const weightDecay = { startWd: o.startWd, endWd: o.endWd, wdIncrSteps: o.wdIncrSteps, wdIncrStyle: o.wdIncrStyle };
    const annealSteps = o.lrDecayStyle === "WSD" ? o.wsdDecaySteps! : 0;
    return {
      maxLr,
      minLr,
      groups,
      weightDecay,
      wdPlan: planWeightDecay(weightDecay, groups),
      constantStyle: o.lrDecayStyle === "constant",
      linearStyle: o.lrDecayStyle === "linear",
      inverseSqrtStyle: o.lrDecayStyle === "inverse-square-root",
      wsdStyle: o.lrDecayStyle === "WSD",
      initLr: o.initLr,
      warmupSteps: o.lrWarmupSteps,
      warmupEnd: o.lrWarmupSteps > 0 ? o.lrWarmupSteps : NaN,
      decaySteps: o.lrDecaySteps,
      decaySpan: o.lrDecaySteps - o.lrWarmupSteps,
      sqrtWarmup: Math.sqrt(Math.max(o.lrWarmupSteps, 1)),
      annealSteps,
      annealStart: o.lrDecaySteps - annealSteps,
      annealStyle: o.lrDecayStyle === "WSD" ? LR_WSD_DECAY_STYLES.indexOf(o.lrWsdDecayStyle!) : 0,
      shared: Number.NaN,
      sharedStep: -1,
    };
  }

  /** The schedule scales no group lr; the base lrs recorded are each group's peak lr. */
  protected override initialBaseLrs(): number[] {
    return this.resolved.maxLr.slice();
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /**
   * What every group shares at step `t`, computed once per step: `sqrt(max(t, 1))` for the inverse
   * square root, else the share of `maxLr - minLr` left after the warmup (linear, cosine, WSD).
   * The value goes into `resolved.shared` and 0 is returned: with the lr and the weight decay, this
   * step is more code than V8 inlines into one call site, and of a call it does not inline, a
   * returned fraction would be boxed (an allocation per step) where a field is updated in place.
   */
  protected override sharedAt(t: number): number {
    const r = this.resolved;
    let shared: number;
    if (r.inverseSqrtStyle) shared = Math.sqrt(Math.max(t, 1));
    else if (r.wsdStyle) {
      // Flat until the anneal, which ends at `lrDecaySteps`.
      const x = (t - r.annealStart) / r.annealSteps;
      // In the order of LR_WSD_DECAY_STYLES: linear, cosine, exponential, minus_sqrt.
      const style = r.annealStyle;
      shared = t <= r.annealStart ? 1 : style === 0 ? 1 - x : style === 1 ? 0.5 * (Math.cos(Math.PI * x) + 1) : style === 2 ? 2 * 0.5 ** x - 1 : 1 - Math.sqrt(x);
    } else {
      const ratio = (t - r.warmupSteps) / r.decaySpan;
      shared = r.linearStyle ? 1 - ratio : 0.5 * (Math.cos(Math.PI * ratio) + 1);
    }
    r.shared = shared;
    r.sharedStep = t;
    return 0;
  }

  /** Kept short: V8 inlines it once per group loop, within its inlining budget. */
  protected override lrWithShared(i: number, t: number, _shared: number): number {
    const r = this.resolved;
    const maxLr = r.maxLr[i]!;
    if (t <= r.warmupEnd) return r.initLr + ((maxLr - r.initLr) * t) / r.warmupSteps;
    if (r.constantStyle) return maxLr;
    const minLr = r.minLr[i]!;
    if (t > r.decaySteps) return minLr;
    if (r.sharedStep !== t) this.sharedAt(t);
    // The inverse square root, given `sqrt(max(t, 1))`.
    if (r.inverseSqrtStyle) return Math.max(minLr, (maxLr * r.sqrtWarmup) / r.shared);
    return minLr + r.shared * (maxLr - minLr);
  }

  /** The weight decay group `i` gets at step `t`, `wdMult` included, without touching the groups. */
  weightDecayAt(i: number, t: number): number {
    const plan = this.resolved.wdPlan;
    return groupWeightDecay(plan, i, wdHolds(plan, t), wdCoefficient(plan, t));
  }

  /**
   * `weightDecayAt` for every group, written out in one function: a helper that V8 did not inline
   * (the budget goes to the lr first) would return its number boxed, an allocation per step.
   */
  protected override applyExtras(t: number): void {
    const plan = this.writtenWith ?? this.resolved.wdPlan;
    const { startWd, endWd, wdMult } = plan;
    const holds = wdHolds(plan, t);
    const ratio = t / plan.wdIncrSteps;
    const coeff = holds ? 0 : plan.linear ? ratio : 0.5 * (Math.cos(Math.PI * (1 - ratio)) + 1);
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < groups.length; i++) {
      groups[i]!.weightDecay = holds ? endWd[i]! * wdMult[i]! : (startWd[i]! + coeff * (endWd[i]! - startWd[i]!)) * wdMult[i]!;
    }
  }

  /**
   * Advances the counter by `increment` steps (Megatron's `num_steps += increment`) and writes
   * `lr` and `weightDecay` into every group.
   * @throws StepError unless `increment` is an integer >= 0
   */
  override step(increment?: number): void {
    // An explicit increment is checked out of line, so that V8's inlining budget goes to the arithmetic.
    if (increment !== undefined) return this.stepBy(increment);
    this.writtenWith = undefined;
    this.moveTo(this.lastEpoch + 1);
  }

  private stepBy(increment: number): void {
    if (!Number.isInteger(increment) || increment < 0) {
      throw new StepError(this.type, this.lastEpoch, `the increment must be an integer >= 0; got ${String(increment)}`);
    }
    this.writtenWith = undefined;
    this.moveTo(this.lastEpoch + increment);
  }

  /** Our own dict: the exact state, with Megatron's policy deciding between its settings and the constructor's. */
  protected override readOwnState(value: unknown): RestoredState<OptimizerParamSchedulerOptions, Resolved> {
    const saved = super.readOwnState(value);
    const lastEpoch = StateReader.of(TYPE, value).number("lastEpoch", { integer: true, min: 0 });
    const values = ownCheckpointValues(OptimizerParamScheduler.optionsSchema, saved.options as unknown as Record<string, unknown>);
    const merged = applyCheckpointPolicy(TYPE, OptimizerParamScheduler.optionsSchema, this.options, values);
    const { options, resolved } = this.readOptions(merged as unknown as Record<string, unknown>, "options.");
    return { ...saved, options, resolved, lastEpoch, baseLrs: resolved.maxLr.slice() };
  }

  /** Megatron's dict (current or pre-rename keys): its step count is added to ours, as Megatron does. */
  protected override readReferenceState(value: unknown): RestoredState<OptimizerParamSchedulerOptions, Resolved> {
    const reader = StateReader.of(TYPE, value);
    const { values, numSteps } = readReferenceCheckpoint(reader);
    const merged = applyCheckpointPolicy(TYPE, OptimizerParamScheduler.optionsSchema, this.options, values);
    const { options, resolved } = this.readOptions(merged as unknown as Record<string, unknown>, "");
    const before = this.resolved.weightDecay;
    const after = resolved.weightDecay;
    const changed = (Object.keys(before) as (keyof WeightDecaySettings)[]).some((k) => before[k] !== after[k]);
    return { options, resolved, baseLrs: resolved.maxLr.slice(), lastEpoch: this.lastEpoch + numSteps, extra: changed ? before : undefined };
  }

  protected override extraState(): Record<string, unknown> | undefined {
    return this.writtenWith ? { weightDecayWrittenWith: { ...this.writtenWith.settings } } : undefined;
  }

  protected override readExtraState(reader: StateReader): unknown {
    if (!reader.has("weightDecayWrittenWith")) return undefined;
    const saved = new StateReader(TYPE, reader.object("weightDecayWrittenWith"), `${reader.prefix}weightDecayWrittenWith.`);
    const settings: WeightDecaySettings = {
      startWd: saved.number("startWd", { min: 0 }),
      endWd: saved.number("endWd", { min: 0 }),
      wdIncrSteps: saved.number("wdIncrSteps", { integer: true, min: 0 }),
      wdIncrStyle: saved.string("wdIncrStyle", WD_INCR_STYLES) as WdIncrStyle,
    };
    if (settings.wdIncrStyle !== "constant" && settings.wdIncrSteps === 0) saved.fail("wdIncrSteps", `> 0 when wdIncrStyle is "${settings.wdIncrStyle}"`);
    return settings;
  }

  protected override commitExtraState(extra: unknown): void {
    // Runs after the restored options are committed: the groups' overrides are the restored ones.
    this.writtenWith = extra === undefined ? undefined : planWeightDecay(extra as WeightDecaySettings, this.resolved.groups);
  }
}
