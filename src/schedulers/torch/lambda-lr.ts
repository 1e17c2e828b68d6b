import type { Optimizer } from "../../core/optimizer.js";
import { LambdaScheduler, lambdaOptionsSchema, resolveLambdas, type LambdaOptions, type LambdaResolved } from "./lambda-base.js";

export type LambdaLROptions = LambdaOptions;

/**
 * PyTorch's `LambdaLR`: `lr = base_lr * lr_lambda(t)`, with one function for all groups or one per group.
 * One function for all groups is called once per step (PyTorch calls it once per group).
 * The functions are not saved in the state dict: loading keeps the ones given to the constructor.
 * @example
 * const warmup = (step: number) => Math.min(1, (step + 1) / 100);
 * const scheduler = new LambdaLR(optimizer, { lrLambda: warmup });
 */
export class LambdaLR extends LambdaScheduler<LambdaLROptions, LambdaResolved> {
  static readonly schedulerType = "LambdaLR";
  static readonly optionsSchema = lambdaOptionsSchema;

  constructor(optimizer: Optimizer, options: LambdaLROptions) {
    super(optimizer, options);
  }

  protected override resolve(options: LambdaLROptions, optimizer: Optimizer): LambdaResolved {
    return resolveLambdas(options, optimizer, LambdaLR.schedulerType);
  }

  protected lrAt(i: number, t: number): number {
    return this.baseLrs[i]! * this.factorAt(i, t);
  }

  /** The factor of the one function every group shares; unused (0) with one function per group. */
  protected override sharedAt(t: number): number {
    return this.resolved.single ? this.factorAt(0, t) : 0;
  }

  protected override lrWithShared(i: number, t: number, factor: number): number {
    return this.resolved.single ? this.baseLrs[i]! * factor : this.lrAt(i, t);
  }
}
