import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { listOf, nonNegativeInt, lazySchema } from "../../core/schema.js";
import type { RestoredState } from "../../core/scheduler.js";
import { StateReader } from "../../core/state.js";
import { torchCommonOptions, type TorchCommonOptions } from "./base.js";
import { CompositeScheduler, schedulerList, stepLrs } from "../../core/composite.js";
import type { LRScheduler } from "../../core/scheduler.js";

export interface SequentialLROptions extends TorchCommonOptions {
  /** The schedulers to run one after the other, built on the same optimizer. */
  schedulers: LRScheduler[];
  /** Steps at which the next sub-scheduler takes over; one fewer than `schedulers`, non-decreasing. */
  milestones: number[];
}

interface Resolved extends SequentialLROptions {
  /** Filled by `sharedAt` (see `stepLrs`): [step, each group's lr]. */
  lrs: Float64Array;
  /** Filled by `sharedAt`: the sub-scheduler in force at that step, and the milestone it started at. */
  active: LRScheduler;
  start: number;
}

/**
 * PyTorch's `SequentialLR`: sub-scheduler k runs from milestone k-1, on its own clock restarted at 0
 * (PyTorch evaluates it in closed form at epoch 0 at the milestone, then chains from there, which is
 * the same schedule): `lr(t) = schedulers[k].at(t - milestones[k-1])` with `k = bisect_right(milestones, t)`.
 * @example
 * const warmup = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 10 });
 * const cosine = new CosineAnnealingLR(optimizer, { tMax: 90 });
 * const scheduler = new SequentialLR(optimizer, { schedulers: [warmup, cosine], milestones: [10] });
 */
export class SequentialLR extends CompositeScheduler<SequentialLROptions, Resolved> {
  static readonly schedulerType = "SequentialLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    schedulers: schedulerList(),
    milestones: listOf(nonNegativeInt(), "a list of integers >= 0"),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: SequentialLROptions) {
    super(optimizer, options);
  }

  protected override resolve(options: SequentialLROptions, optimizer: Optimizer): Resolved {
    const { schedulers, milestones } = options;
    if (milestones.length !== schedulers.length - 1) {
      throw new InvalidOptionError(this.type, "milestones", milestones, `a list of ${schedulers.length - 1} steps (one fewer than the ${schedulers.length} schedulers)`);
    }
    if (milestones.some((m, k) => k > 0 && m < milestones[k - 1]!)) {
      throw new InvalidOptionError(this.type, "milestones", milestones, "in non-decreasing order");
    }
    this.checkChildren(schedulers, optimizer, "schedulers");
    return { ...options, lrs: stepLrs(optimizer), active: schedulers[0]!, start: 0 };
  }

  protected override initialEpoch(options: SequentialLROptions): number {
    return (options.lastEpoch ?? -1) + 1;
  }

  /** Index of the active sub-scheduler at step t (bisect_right over the milestones). */
  private phase(t: number): number {
    const milestones = this.options.milestones;
    let k = 0;
    while (k < milestones.length && milestones[k]! <= t) k++;
    return k;
  }

  protected lrAt(i: number, t: number): number {
    const k = this.phase(t);
    return this.options.schedulers[k]!.scheduleAt(i, k === 0 ? t : t - this.options.milestones[k - 1]!);
  }

  /** Every group's lr, the active sub-scheduler's shared part computed once. */
  protected override sharedAt(t: number): number {
    const r = this.resolved;
    const k = this.phase(t);
    const start = k === 0 ? 0 : r.milestones[k - 1]!;
    const active = r.schedulers[k]!;
    const local = t - start;
    const shared = active.sharedScheduleAt(local);
    const lrs = r.lrs;
    lrs[0] = NaN; // until every lr is in: a child that throws leaves no half-filled step behind
    for (let i = 1; i < lrs.length; i++) lrs[i] = active.scheduleWithShared(i - 1, local, shared);
    lrs[0] = t;
    r.active = active;
    r.start = start;
    return 0;
  }

  protected override lrWithShared(i: number, t: number, _shared: number): number {
    const lrs = this.resolved.lrs;
    return lrs[0] === t ? lrs[i + 1]! : this.lrAt(i, t);
  }

  /** The active sub-scheduler's counter follows its own clock, and it writes its momentum or betas. */
  protected override applyExtras(t: number): void {
    const r = this.resolved;
    if (r.lrs[0] !== t) this.sharedAt(t);
    // An integer (the milestone is one): the child's counter would box a float.
    const local = t - r.start;
    r.active.lastEpoch = local;
    r.active.writeExtras(local);
  }

  /** PyTorch's dict: `last_epoch`, `_milestones`, `_schedulers` (each a sub-scheduler's own dict). */
  protected override readReferenceState(value: unknown): RestoredState<SequentialLROptions, Resolved> {
    const reader = StateReader.of(this.type, value);
    const children = this.readChildren(reader, "_schedulers");
    const milestones = reader.has("_milestones") ? reader.raw("_milestones") : this.options.milestones;
    const { options, resolved } = this.readOptions({ ...this.options, milestones }, "");
    return {
      options,
      resolved,
      baseLrs: this.baseLrs.slice(),
      lastEpoch: reader.number("last_epoch"),
      extra: { children },
    };
  }
}
