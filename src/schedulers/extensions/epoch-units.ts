import { CompositeScheduler, schedulerInstance, stepLrs } from "../../core/composite.js";
import { StepError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { LRScheduler } from "../../core/scheduler.js";
import { nonNegativeNumber, oneOf, positiveNumber, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";

export type PastEnd = "hold" | "error" | "continue";

export interface EpochUnitsOptions {
  /** A schedule written in epochs (StepLR's step_size, CosineAnnealingLR's T_max, ...). */
  schedule: LRScheduler;
  /** Batches per epoch: this scheduler is stepped once per batch and feeds the schedule fractional epochs. */
  stepsPerEpoch: number;
  /** Where the schedule ends, in epochs. Default: no end. */
  endEpoch?: number;
  /** Past `endEpoch`: `"hold"` the last value (default), `"error"` (step() throws a StepError) or `"continue"` the schedule's own formula. */
  pastEnd?: PastEnd;
}

interface Resolved {
  stepsPerEpoch: number;
  end: number;
  pastEnd: PastEnd;
  innerStart: number;
  /** Filled by `sharedAt` (see `stepLrs`): [batch step, each group's lr], and the schedule's epoch at that step. */
  lrs: Float64Array;
  epoch: Float64Array;
}

/**
 * Steps a schedule written in epochs once per batch: at batch step b the lr is the schedule's value at
 * epoch b / stepsPerEpoch (fractional), and past `endEpoch` it holds, errs or continues.
 * @example
 * const cosine = new CosineAnnealingLR(optimizer, { tMax: 90 });          // 90 epochs
 * const perBatch = inEpochs(cosine, { stepsPerEpoch: 500, endEpoch: 90 }); // step() after every batch
 */
export class EpochUnits extends CompositeScheduler<EpochUnitsOptions, Resolved> {
  static readonly schedulerType = "EpochUnits";
  static override readonly childOptions = ["schedule"];
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    schedule: schedulerInstance(),
    stepsPerEpoch: positiveNumber(),
    endEpoch: z.optional(nonNegativeNumber()),
    pastEnd: z.optional(oneOf(["hold", "error", "continue"])),
  }));

  constructor(optimizer: Optimizer, options: EpochUnitsOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: EpochUnitsOptions, optimizer: Optimizer): Resolved {
    this.checkChildren([options.schedule], optimizer, "schedule");
    return {
      stepsPerEpoch: options.stepsPerEpoch,
      end: options.endEpoch ?? Infinity,
      pastEnd: options.pastEnd ?? "hold",
      innerStart: options.schedule.startEpoch,
      lrs: stepLrs(optimizer),
      epoch: new Float64Array(1),
    };
  }

  protected override initialBaseLrs(options: EpochUnitsOptions): number[] {
    return options.schedule.baseLrs.slice();
  }

  /** The schedule's epoch at batch step t. */
  epochAt(t: number): number {
    const { stepsPerEpoch, end, pastEnd } = this.resolved;
    const epoch = t / stepsPerEpoch;
    return pastEnd === "continue" || epoch <= end ? epoch : end;
  }

  protected lrAt(i: number, t: number): number {
    return this.options.schedule.scheduleAt(i, this.resolved.innerStart + this.epochAt(t));
  }

  /** Every group's lr, the schedule's shared part at its epoch computed once. */
  protected override sharedAt(t: number): number {
    const lrs = this.resolved.lrs;
    const schedule = this.options.schedule;
    const epoch = this.resolved.innerStart + this.epochAt(t);
    const shared = schedule.sharedScheduleAt(epoch);
    lrs[0] = NaN; // until every lr is in: a child that throws leaves no half-filled step behind
    for (let i = 1; i < lrs.length; i++) lrs[i] = schedule.scheduleWithShared(i - 1, epoch, shared);
    lrs[0] = t;
    this.resolved.epoch[0] = epoch;
    return 0;
  }

  protected override lrWithShared(i: number, t: number, _shared: number): number {
    const lrs = this.resolved.lrs;
    return lrs[0] === t ? lrs[i + 1]! : this.lrAt(i, t);
  }

  override step(batch?: number): void {
    if (this.resolved.pastEnd === "error") this.checkEnd(batch ?? this.lastEpoch + 1);
    // The usual call, without going through super.step: one call level less leaves V8's inlining budget to the schedule.
    if (batch === undefined) this.moveTo(this.lastEpoch + 1);
    else super.step(batch);
  }

  /** Kept out of `step()`, which stays small enough for V8 to inline the schedule into it. */
  private checkEnd(next: number): void {
    const { stepsPerEpoch, end } = this.resolved;
    if (next / stepsPerEpoch > end) {
      throw new StepError(this.type, next, `epoch ${next / stepsPerEpoch} is past the end of the schedule (end_epoch ${end}, past_end "error")`);
    }
  }

  /** The inner schedule's momentum or betas at its fractional epoch (its own counter is left alone: storing a fraction there would allocate on every step). */
  protected override applyExtras(t: number): void {
    const r = this.resolved;
    this.options.schedule.writeExtras(r.lrs[0] === t ? r.epoch[0]! : r.innerStart + this.epochAt(t));
  }
}

/** Steps `scheduler`, written in epochs, once per batch (see EpochUnits). */
export function inEpochs(scheduler: LRScheduler, options: Omit<EpochUnitsOptions, "schedule">): EpochUnits {
  return new EpochUnits(scheduler.optimizer, { schedule: scheduler, ...options });
}
