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

/**
 * PyTorch's `ConstantLR`: `lr = base_lr * factor` for `t < total_iters`, then `base_lr`.
 * With `total_iters = 0` the factor is applied at construction and never removed (as PyTorch's
 * step-by-step form does).
 * @example
 * const scheduler = new ConstantLR(optimizer, { factor: 0.5, totalIters: 4 });
 */
export class ConstantLR extends TorchScheduler<ConstantLROptions> {
  static readonly schedulerType = "ConstantLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({
    factor: z.optional(numberIn(0, 1)),
    totalIters: z.optional(nonNegativeInt()),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: ConstantLROptions = {}) {
    super(optimizer, options);
  }

  protected override resolve(options: ConstantLROptions): ConstantLROptions {
    // PyTorch restores the lr at total_iters by dividing by the factor: with 0 that is a ZeroDivisionError.
    if (options.factor === 0 && (options.totalIters ?? 5) > 0) {
      throw new InvalidOptionError(ConstantLR.schedulerType, "factor", 0, "> 0 when total_iters > 0 (the lr could not be restored at total_iters)");
    }
    return options;
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** The factor in force at step `t` (1 once it is lifted; `base_lr * 1` is `base_lr` exactly). */
  protected override sharedAt(t: number): number {
    const totalIters = this.options.totalIters ?? 5;
    return totalIters === 0 || t < totalIters ? (this.options.factor ?? 1 / 3) : 1;
  }

  protected override lrWithShared(i: number, _t: number, factor: number): number {
    return this.baseLrs[i]! * factor;
  }
}
