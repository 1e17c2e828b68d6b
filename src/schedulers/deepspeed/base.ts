/**
 * What DeepSpeed's schedulers share: the counter `last_batch_iteration`, which starts at -1.
 * Construction writes the values of iteration -1 (only when starting from -1, as DeepSpeed does);
 * the first `step()` is iteration 0; `step(k)` jumps to iteration k, backwards or forwards.
 * DeepSpeed's own `state_dict()` is `{ "last_batch_iteration": k }`, and loading it is accepted.
 */
import { StepError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { expandPerGroup, respellOptionError, toSnakeCase } from "../../core/options.js";
import { LRScheduler, type RestoredState } from "../../core/scheduler.js";
import { int } from "../../core/schema.js";
import { StateReader } from "../../core/state.js";
import * as z from "zod/mini";

/** Options every DeepSpeed scheduler takes. */
export const deepspeedCommonOptions = {
  /** DeepSpeed's `last_batch_iteration`: -1 for a new schedule; the last finished batch when resuming without a state dict. */
  lastBatchIteration: /* @__PURE__ */ z.optional(/* @__PURE__ */ int("an integer >= -1", (v) => v >= -1)),
};

export interface DeepSpeedCommonOptions {
  lastBatchIteration?: number | undefined;
}

export abstract class DeepSpeedScheduler<O extends DeepSpeedCommonOptions = DeepSpeedCommonOptions, R = O> extends LRScheduler<O, R> {
  constructor(optimizer: Optimizer, options?: unknown) {
    try {
      super(optimizer, options);
    } catch (error) {
      // resolve() names options DeepSpeed's way; name them as the caller wrote them.
      throw respellOptionError(error, options);
    }
  }

  /** DeepSpeed keeps each group's lr at construction as it is (WarmupCosineLR scales it); nothing is written into the groups. */
  protected override initialBaseLrs(_options: O): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  protected override initialEpoch(options: O): number {
    return options.lastBatchIteration ?? -1;
  }

  /** DeepSpeed writes the groups at construction only for a new schedule; a resumed one leaves them until the first step. */
  protected override initialize(): void {
    if (this.lastEpoch === -1) this.apply();
  }

  /**
   * Advances to the next batch iteration, or jumps to `batchIteration` (DeepSpeed's explicit form,
   * backwards or forwards), and writes the new values into the groups.
   * @throws StepError unless `batchIteration` is an integer >= -1
   */
  override step(batchIteration?: number): void {
    if (batchIteration === undefined) {
      this.moveTo(this.lastEpoch + 1);
      return;
    }
    if (typeof batchIteration !== "number" || !Number.isInteger(batchIteration) || batchIteration < -1) {
      throw new StepError(this.type, this.lastEpoch, `the batch iteration must be an integer >= -1; got ${String(batchIteration)}`);
    }
    this.moveTo(batchIteration);
  }

  /** DeepSpeed's `state_dict()`: only `last_batch_iteration`; the options stay the constructor's. */
  protected override readReferenceState(value: unknown): RestoredState<O, R> {
    const reader = StateReader.of(this.type, value);
    return {
      options: this.options,
      resolved: this.resolved,
      baseLrs: this.baseLrs.slice(),
      lastEpoch: reader.number("last_batch_iteration", { integer: true, min: -1 }),
    };
  }

  /** A float-or-list option expanded to one value per group; errors name the option DeepSpeed's way (`warmup_min_lr`). */
  protected perGroupValues(value: number | readonly number[], optimizer: Optimizer, key: string): number[] {
    return expandPerGroup(value, optimizer.paramGroups.length, this.type, toSnakeCase(key));
  }
}

/** Warmup shape shared by WarmupLR, WarmupDecayLR and WarmupCosineLR. */
export interface Warmup {
  /** `max(2, warmup_num_steps)`: DeepSpeed clamps 0 and 1 to 2. */
  steps: number;
  /** `1 / ln(steps)`, DeepSpeed's `inverse_log_warm_up`. */
  inverseLog: number;
  linear: boolean;
}

export function resolveWarmup(warmupNumSteps: number, linear: boolean): Warmup {
  const steps = Math.max(2, warmupNumSteps);
  return { steps, inverseLog: 1 / Math.log(steps), linear };
}

/** Warmup progress at iteration `t` (0 <= t < steps): `ln(t+1)/ln(steps)` or `t/steps`. */
export function warmupProgress(w: Warmup, t: number): number {
  return w.linear ? t / w.steps : w.inverseLog * Math.log(t + 1);
}
