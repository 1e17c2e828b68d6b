/**
 * What the Hugging Face and SambaFlow schedules share. In Python each is a `LambdaLR` around a
 * closure, so its state dict cannot say which schedule it was; here each schedule is a named class
 * whose factor is a closed form of the step, so `lr = base lr of the group * factor(step)` survives
 * a JSON state dict. Construction evaluates `factor(0)`, as `LambdaLR` does.
 */
import type { Optimizer } from "../../core/optimizer.js";
import { respellOptionError } from "../../core/options.js";
import type { StateReader } from "../../core/state.js";
import { TorchScheduler, type TorchCommonOptions } from "../torch/base.js";

export abstract class FactorSchedule<O extends TorchCommonOptions = TorchCommonOptions, R = O> extends TorchScheduler<O, R> {
  constructor(optimizer: Optimizer, options?: unknown) {
    try {
      super(optimizer, options);
    } catch (error) {
      throw respellOptionError(error, options);
    }
  }

  /**
   * `step()` goes straight to the next step; the deprecated `step(epoch)` takes the checked path out
   * of line. V8 inlines a call chain only up to a total bytecode size, which the checks and warnings
   * of the explicit form would otherwise spend before the schedule's arithmetic.
   */
  override step(epoch?: number): void {
    if (epoch === undefined) this.moveTo(this.lastEpoch + 1);
    else this.stepToEpoch(epoch);
  }

  private stepToEpoch(epoch: number): void {
    super.step(epoch);
  }

  /** The multiplier of every group's base lr at step `t`. Pure arithmetic, no allocation. */
  protected abstract factor(t: number): number;

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** The factor is the same for every group: computed once per step. */
  protected override sharedAt(t: number): number {
    return this.factor(t);
  }

  protected override lrWithShared(i: number, _t: number, factor: number): number {
    return this.baseLrs[i]! * factor;
  }

  /** A `LambdaLR` state dict's `last_epoch` is the counter, not the constructor's `last_epoch` option. */
  protected override referenceOptions(reader: StateReader): Record<string, unknown> {
    const options = super.referenceOptions(reader);
    delete options.lastEpoch;
    return options;
  }
}

/**
 * The warmup's constants, derived once in `resolve()` so that a step reads plain numbers (an
 * option read with a default every step costs more than the arithmetic): the factor is
 * `t / warmupDivisor` while `t < warmupSteps`.
 */
export interface LinearWarmup {
  warmupSteps: number;
  /** `max(1, warmup)`. */
  warmupDivisor: number;
}

export function resolveLinearWarmup(warmupSteps: number): LinearWarmup {
  return { warmupSteps, warmupDivisor: Math.max(1, warmupSteps) };
}
