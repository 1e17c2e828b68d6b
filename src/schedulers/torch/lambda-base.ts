/**
 * What LambdaLR and MultiplicativeLR share: an `lr_lambda` option that is a function or one
 * function per group. Functions cannot go into JSON, so the state dict writes `null` for them and
 * loading keeps the constructor's functions. A function's result is user input: a non-number or a
 * non-finite value is refused with a StepError (and, as for every schedule, `step()` writes nothing
 * unless every group's lr is finite).
 */
import { StepError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { expandPerGroup } from "../../core/options.js";
import type { RestoredState } from "../../core/scheduler.js";
import { fn, perGroup, lazySchema } from "../../core/schema.js";
import type { SchedulerStateDict } from "../../core/state.js";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";

/** A schedule callback: the step index in, a multiplicative factor out. */
export type LrLambda = (epoch: number) => number;

/** The options schema of LambdaLR and MultiplicativeLR: `lr_lambda` is one function, or a list with one per param group. */
export const lambdaOptionsSchema = /* @__PURE__ */ lazySchema(() => ({
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
  /** One function given for every group: it is called once per step, not once per group. */
  single: boolean;
}

export function resolveLambdas(options: LambdaOptions, optimizer: Optimizer, schedulerType: string): LambdaResolved {
  const groups = optimizer.paramGroups.length;
  return { lambdas: expandPerGroup(options.lrLambda, groups, schedulerType, "lr_lambda"), single: typeof options.lrLambda === "function" };
}

export abstract class LambdaScheduler<O extends LambdaOptions, R extends LambdaResolved> extends TorchScheduler<O, R> {
  /** Group `i`'s function at step `t`, refused unless it returned a finite number. */
  protected factorAt(i: number, t: number): number {
    const factor: unknown = this.resolved.lambdas[i]!(t);
    if (typeof factor !== "number" || !Number.isFinite(factor)) this.refuseFactor(i, t, factor);
    return factor as number;
  }

  /** Kept out of `factorAt`, so that the check alone is inlined into the step. */
  private refuseFactor(i: number, t: number, factor: unknown): never {
    throw new StepError(this.type, t, `lr_lambda of param group ${i} returned ${String(factor)}; it must return a finite number`);
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
