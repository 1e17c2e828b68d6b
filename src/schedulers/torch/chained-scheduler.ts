import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import { StateReader } from "../../core/state.js";
import type { RestoredState } from "../../core/scheduler.js";
import { CompositeScheduler, schedulerList, stepLrs } from "../../core/composite.js";
import type { LRScheduler } from "../../core/scheduler.js";

export interface ChainedSchedulerOptions {
  /** The schedulers whose factors multiply, built on the same optimizer. */
  schedulers: LRScheduler[];
}

interface Resolved {
  schedulers: LRScheduler[];
  /** Filled by `sharedAt` (see `stepLrs`): [step, each group's lr]. */
  lrs: Float64Array;
}

/**
 * PyTorch's `ChainedScheduler`: every sub-scheduler acts on every step. PyTorch gets there by
 * letting each one multiply the current lr in turn; here the closed form is the product of each
 * sub-schedule's factor at the same step, `lr = base * prod(child(t) / child.base)`, which is the
 * same number for every chainable PyTorch schedule and for an absolute one (CyclicLR, OneCycleLR,
 * LambdaLR) placed first. The base is the first sub-scheduler's.
 * @example
 * const chained = new ChainedScheduler(optimizer, {
 *   schedulers: [new ConstantLR(optimizer, { factor: 0.1, totalIters: 2 }), new ExponentialLR(optimizer, { gamma: 0.9 })],
 * });
 */
export class ChainedScheduler extends CompositeScheduler<ChainedSchedulerOptions, Resolved> {
  static readonly schedulerType = "ChainedScheduler";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({ schedulers: schedulerList() }));

  constructor(optimizer: Optimizer, options: ChainedSchedulerOptions) {
    super(optimizer, options);
  }

  /** The sub-schedulers already ran their construction step; the chain starts at their counter. */
  protected override resolve(options: ChainedSchedulerOptions, optimizer: Optimizer): Resolved {
    this.checkChildren(options.schedulers, optimizer, "schedulers");
    return { schedulers: options.schedulers, lrs: stepLrs(optimizer) };
  }

  protected override initialEpoch(options: ChainedSchedulerOptions): number {
    return options.schedulers[0]!.lastEpoch;
  }

  protected override initialBaseLrs(options: ChainedSchedulerOptions): number[] {
    return options.schedulers[0]!.baseLrs.slice();
  }

  protected lrAt(i: number, t: number): number {
    const children = this.options.schedulers;
    let lr = this.baseLrs[i]!;
    for (let c = 0; c < children.length; c++) {
      const child = children[c]!;
      const base = child.baseLrs[i]!;
      lr *= base === 0 ? 0 : child.scheduleAt(i, t) / base;
    }
    return lr;
  }

  /**
   * Every group's lr: `lrAt`'s product, the same factors multiplied in the same order, each
   * sub-scheduler's shared part (its cosine, its `gamma ** t`) computed once rather than per group.
   */
  protected override sharedAt(t: number): number {
    const { schedulers, lrs } = this.resolved;
    const bases = this.baseLrs;
    lrs[0] = NaN; // until every lr is in: a child that throws leaves no half-filled step behind
    for (let i = 1; i < lrs.length; i++) lrs[i] = bases[i - 1]!;
    for (let c = 0; c < schedulers.length; c++) {
      const child = schedulers[c]!;
      const shared = child.sharedScheduleAt(t);
      const childBases = child.baseLrs;
      for (let i = 1; i < lrs.length; i++) {
        const base = childBases[i - 1]!;
        lrs[i] = lrs[i]! * (base === 0 ? 0 : child.scheduleWithShared(i - 1, t, shared) / base);
      }
    }
    lrs[0] = t;
    return 0;
  }

  protected override lrWithShared(i: number, t: number, _shared: number): number {
    const lrs = this.resolved.lrs;
    return lrs[0] === t ? lrs[i + 1]! : this.lrAt(i, t);
  }

  protected override applyExtras(t: number): void {
    const children = this.options.schedulers;
    for (let c = 0; c < children.length; c++) {
      children[c]!.lastEpoch = t;
      children[c]!.writeExtras(t);
    }
  }

  /** PyTorch's dict has only `_schedulers` (and `_last_lr`): the counter is the sub-schedulers'. */
  protected override readReferenceState(value: unknown): RestoredState<ChainedSchedulerOptions, Resolved> {
    const reader = StateReader.of(this.type, value);
    const children = this.readChildren(reader, "_schedulers");
    return {
      options: this.options,
      resolved: this.resolved,
      baseLrs: (children[0]!.baseLrs).slice(),
      lastEpoch: children[0]!.lastEpoch,
      extra: { children },
    };
  }
}
