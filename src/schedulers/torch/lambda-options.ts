/**
 * What LambdaLR and MultiplicativeLR share: an `lr_lambda` option that is one function or one per
 * group, the check of what a function returns, and PyTorch's `state_dict()` layout. Functions cannot
 * go into JSON: the state dict writes `null` for them and loading keeps the constructor's.
 */
import { StepError, describeValue } from "../../core/errors.js";
import { expandPerGroup } from "../../core/options.js";
import type { BuildContext } from "../../core/schedule.js";
import { fn, perGroup } from "../../core/schema.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";

/** A schedule callback: the step in, a multiplicative factor out. */
export type LrLambda = (epoch: number) => number;

/** The options of LambdaLR and MultiplicativeLR. */
export const lambdaOptions = () => ({
  /** One function for every group, or a list with one per param group (`lr_lambda`). */
  lrLambda: perGroup(fn<LrLambda>(), "a function"),
  ...lastEpochOption(),
});

/** One function per group; refuses a list whose length is not the number of groups. */
export function lambdasOf(lrLambda: LrLambda | readonly LrLambda[], ctx: BuildContext): LrLambda[] {
  const lambdas = expandPerGroup(lrLambda, ctx.groups.length);
  if (lambdas === undefined) return ctx.fail("lrLambda", lrLambda, `one function, or a list of ${ctx.groups.length} functions (one per param group)`);
  return lambdas;
}

/** `f(t)`, refused with a StepError unless it is a finite number. `group` names it in the message (-1: the one function of every group). */
export function factorOf(type: string, f: LrLambda, group: number, t: number): number {
  const factor: unknown = f(t);
  if (typeof factor === "number" && factor - factor === 0) return factor;
  const which = group < 0 ? "lr_lambda" : `lr_lambda of param group ${group}`;
  throw new StepError(type, t, `${which} returned ${describeValue(factor)}; it must return a finite number`, "non-finite-value");
}

/**
 * PyTorch's `state_dict()` of LambdaLR and MultiplicativeLR: `lr_lambdas` holds `null` for functions
 * (and the `__dict__` of callable objects, which cannot be restored here): it is read and ignored.
 * The two types' dicts have the same keys, so neither can tell the other's apart.
 */
export const lambdaDialect = () => torchDialect({ required: ["lr_lambdas"], ignored: ["lr_lambdas"] });
