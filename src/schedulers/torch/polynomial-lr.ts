import type { Optimizer } from "../../core/optimizer.js";
import { nonNegativeInt, nonNegativeNumber, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";

export interface PolynomialLROptions extends TorchCommonOptions {
  /** Steps over which the lr decays to 0; 0 leaves the lr unchanged. Default 5. */
  totalIters?: number;
  /** Power of the polynomial, >= 0. Default 1. */
  power?: number;
}

/** The constants of the closed form, plain numbers. */
interface PolynomialLRResolved {
  /** `total_iters`; 1 when it is 0 (with power 0 the factor is then 1 exactly, without a branch). */
  totalIters: number;
  /** `power`; 0 when total_iters is 0. */
  power: number;
}

/**
 * PyTorch's `PolynomialLR`: `lr = base_lr * (1 - min(t, total_iters) / total_iters) ** power`, 0 from
 * `total_iters` on.
 * @example
 * const scheduler = new PolynomialLR(optimizer, { totalIters: 40, power: 2 });
 */
export class PolynomialLR extends TorchScheduler<PolynomialLROptions, PolynomialLRResolved> {
  static readonly schedulerType = "PolynomialLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    totalIters: z.optional(nonNegativeInt()),
    // A negative power divides by zero at total_iters (PyTorch raises ZeroDivisionError there).
    power: z.optional(nonNegativeNumber()),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: PolynomialLROptions = {}) {
    super(optimizer, options);
  }

  protected override resolve(options: PolynomialLROptions): PolynomialLRResolved {
    const totalIters = options.totalIters ?? 5;
    // total_iters = 0: PyTorch's steps never divide and leave the lr as it is (`base_lr * 1` exactly).
    if (totalIters === 0) return { totalIters: 1, power: 0 };
    return { totalIters, power: options.power ?? 1 };
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** The factor at step `t`, the same for every group: computed once per step. */
  protected override sharedAt(t: number): number {
    const { totalIters, power } = this.resolved;
    const x = 1 - Math.min(totalIters, t) / totalIters;
    // x ** 1 is x and x ** 2 is x * x in V8 (its runtime and its compilers agree on both), without a call to pow.
    return power === 1 ? x : power === 2 ? x * x : x ** power;
  }

  protected override lrWithShared(i: number, _t: number, factor: number): number {
    return this.baseLrs[i]! * factor;
  }
}
