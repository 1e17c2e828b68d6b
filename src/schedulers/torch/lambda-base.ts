/**
 * What LambdaLR and MultiplicativeLR share: an `lr_lambda` option that is a function or one
 * function per group. Functions cannot go into JSON, so the state dict writes `null` for them and
 * loading keeps the constructor's functions. A function's result is user input: a non-number or a
 * non-finite value is refused with a StepError before any group is written.
 */
import { StepError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { expandPerGroup } from "../../core/options.js";
import type { RestoredState } from "../../core/scheduler.js";
import { fn, perGroup, lazySchema } from "../../core/schema.js";
import type { SchedulerStateDict } from "../../core/state.js";
import * as z from "zod/mini";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";

/** A schedule callback: the step index in, a multiplicative factor out. */
export type LrLambda = (epoch: number) => number;

/** The options schema of LambdaLR and MultiplicativeLR: `lr_lambda` is one function, or a list with one per param group. */
export const lambdaOptionsSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({
  lrLambda: perGroup(fn<LrLambda>(), "a function"),
  ...torchCommonOptions,
}));

export interface LambdaOptions extends TorchCommonOptions {
  /** One function for every group, or one per group (`lr_lambda`). */
  lrLambda: LrLambda | LrLambda[];
}

export interface LambdaResolved {
  /** One function per group. */
  lambdas: LrLambda[];
  /** Preallocated: the new lrs are computed here and written only once all of them are valid. */
  pending: number[];
}

export function resolveLambdas(options: LambdaOptions, optimizer: Optimizer, schedulerType: string): LambdaResolved {
  const groups = optimizer.paramGroups.length;
  return { lambdas: expandPerGroup(options.lrLambda, groups, schedulerType, "lr_lambda"), pending: new Array<number>(groups).fill(0) };
}

export abstract class LambdaScheduler<O extends LambdaOptions, R extends LambdaResolved> extends TorchScheduler<O, R> {
  /** Group `i`'s function at step `t`, refused unless it returned a finite number. */
  protected factorAt(i: number, t: number): number {
    const factor: unknown = this.resolved.lambdas[i]!(t);
    if (typeof factor !== "number" || !Number.isFinite(factor)) {
      throw new StepError(this.type, t, `lr_lambda of param group ${i} returned ${String(factor)}; it must return a finite number`);
    }
    return factor;
  }

  /** `base * factor`, refused if the product overflowed. */
  protected checkedLr(i: number, t: number, lr: number): number {
    if (!Number.isFinite(lr)) throw new StepError(this.type, t, `the lr of param group ${i} is ${lr}; the factors overflowed`);
    return lr;
  }

  /** Computes every group's lr into `pending` first, so a failing function leaves the groups untouched. */
  protected override apply(): void {
    const t = this.lastEpoch;
    const pending = this.resolved.pending;
    for (let i = 0; i < pending.length; i++) pending[i] = this.lrAt(i, t);
    this.writeLrs(pending);
  }

  protected writeLrs(values: readonly number[]): void {
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < values.length; i++) {
      groups[i]!.lr = values[i]!;
      this.lastLr[i] = values[i]!;
    }
  }

  /** A step whose function fails leaves the counter where it was. */
  override step(epoch?: number): void {
    const previous = this.lastEpoch;
    try {
      super.step(epoch);
    } catch (error) {
      this.lastEpoch = previous;
      throw error;
    }
  }

  /** A list of functions is saved as `null` too, and named in `functionOptions`. */
  override stateDict(): SchedulerStateDict {
    const dict = super.stateDict();
    dict.options.lrLambda = null;
    dict.functionOptions = ["lrLambda"];
    return dict;
  }

  /** Our dict holds `null` (or a list of nulls) for the functions: the constructor's are kept. */
  protected override readOwnState(value: unknown): RestoredState<O, R> {
    const options = (value as { options?: unknown }).options;
    if (typeof options !== "object" || options === null || Array.isArray(options)) return super.readOwnState(value);
    const saved = (options as Record<string, unknown>).lrLambda;
    const isPlaceholder = saved === null || saved === undefined || (Array.isArray(saved) && saved.every((f) => f === null));
    if (!isPlaceholder) return super.readOwnState(value);
    return super.readOwnState({ ...(value as object), options: { ...options, lrLambda: this.options.lrLambda } });
  }
}
