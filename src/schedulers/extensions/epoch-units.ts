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
  /** Filled by `sharedAt` with several groups (see `stepLrs`): [batch step, each group's lr]. */
  lrs: Float64Array;
  /** Filled by `sharedAt`: [batch step, the schedule's epoch at that step], the step NaN until filled. */
  stepEpoch: Float64Array;
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
      stepEpoch: Float64Array.of(NaN, 0),
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

  /**
   * With one group, that group's lr, which `lrWithShared` hands back (no buffer to fill and read);
   * with several, every group's lr into the buffer (see `stepLrs`), and 0. Either way the schedule's
   * shared part at its epoch is computed once, and `stepEpoch` records the epoch of step t.
   */
  protected override sharedAt(t: number): number {
    const r = this.resolved;
    const schedule = this.options.schedule;
    const epoch = r.innerStart + this.epochAt(t);
    const shared = schedule.sharedScheduleAt(epoch);
    const lrs = r.lrs;
    const stepEpoch = r.stepEpoch;
    stepEpoch[0] = NaN;
    if (lrs.length === 2) {
      const lr = schedule.scheduleWithShared(0, epoch, shared);
      stepEpoch[1] = epoch;
      stepEpoch[0] = t;
      return lr;
    }
    lrs[0] = NaN; // until every lr is in: a child that throws leaves no half-filled step behind
    for (let i = 1; i < lrs.length; i++) lrs[i] = schedule.scheduleWithShared(i - 1, epoch, shared);
    lrs[0] = t;
    stepEpoch[1] = epoch;
    stepEpoch[0] = t;
    return 0;
  }

  /** The buffer's lr when it holds step t (several groups); with one group, `sharedAt`'s lr itself. */
  protected override lrWithShared(i: number, t: number, shared: number): number {
    const lrs = this.resolved.lrs;
    return lrs[0] === t ? lrs[i + 1]! : lrs.length === 2 ? shared : this.lrAt(i, t);
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
    this.options.schedule.writeExtras(r.stepEpoch[0] === t ? r.stepEpoch[1]! : r.innerStart + this.epochAt(t));
  }
}

/** Steps `scheduler`, written in epochs, once per batch (see EpochUnits). */
export function inEpochs(scheduler: LRScheduler, options: Omit<EpochUnitsOptions, "schedule">): EpochUnits {
  return new EpochUnits(scheduler.optimizer, { schedule: scheduler, ...options });
}
