import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { nonNegativeInt, numberIn, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";

export interface ConstantLROptions extends TorchCommonOptions {
  /** The factor applied until `totalIters`, in [0, 1]. Default 1/3. */
  factor?: number;
  /** Steps during which the factor applies; 0 keeps it forever. Default 5. */
  totalIters?: number;
}

/** The constants of the closed form, plain numbers. */
interface ConstantLRResolved {
  factor: number;
  /** The first step without the factor: `total_iters`, or Infinity when it is 0 (the factor stays). */
  until: number;
}

/**
 * PyTorch's `ConstantLR`: `lr = base_lr * factor` for `t < total_iters`, then `base_lr`.
 * With `total_iters = 0` the factor is applied at construction and never removed (as PyTorch's
 * step-by-step form does).
 * @example
 * const scheduler = new ConstantLR(optimizer, { factor: 0.5, totalIters: 4 });
 */
export class ConstantLR extends TorchScheduler<ConstantLROptions, ConstantLRResolved> {
  static readonly schedulerType = "ConstantLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    factor: z.optional(numberIn(0, 1)),
    totalIters: z.optional(nonNegativeInt()),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: ConstantLROptions = {}) {
    super(optimizer, options);
  }

  protected override resolve(options: ConstantLROptions): ConstantLRResolved {
    const totalIters = options.totalIters ?? 5;
    // PyTorch restores the lr at total_iters by dividing by the factor: with 0 that is a ZeroDivisionError.
    if (options.factor === 0 && totalIters > 0) {
      throw new InvalidOptionError(ConstantLR.schedulerType, "factor", 0, "> 0 when total_iters > 0 (the lr could not be restored at total_iters)");
    }
    return { factor: options.factor ?? 1 / 3, until: totalIters === 0 ? Infinity : totalIters };
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** The factor in force at step `t` (1 once it is lifted; `base_lr * 1` is `base_lr` exactly). */
  protected override sharedAt(t: number): number {
    const r = this.resolved;
    return t < r.until ? r.factor : 1;
  }

  protected override lrWithShared(i: number, _t: number, factor: number): number {
    return this.baseLrs[i]! * factor;
  }
}
