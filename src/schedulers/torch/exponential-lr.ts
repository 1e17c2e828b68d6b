import type { Optimizer } from "../../core/optimizer.js";
import { nonNegativeNumber, lazySchema } from "../../core/schema.js";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";

export interface ExponentialLROptions extends TorchCommonOptions {
  /** Multiplicative decay per step, >= 0 (a negative one would give NaN at fractional epochs). */
  gamma: number;
}

/**
 * PyTorch's `ExponentialLR`: `lr = base_lr * gamma ** t`.
 * @example
 * const scheduler = new ExponentialLR(optimizer, { gamma: 0.95 });
 */
export class ExponentialLR extends TorchScheduler<ExponentialLROptions> {
  static readonly schedulerType = "ExponentialLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    gamma: nonNegativeNumber(),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: ExponentialLROptions) {
    super(optimizer, options);
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** `gamma ** t`, the same for every group: computed once per step. */
  protected override sharedAt(t: number): number {
    return this.options.gamma ** t;
  }

  protected override lrWithShared(i: number, _t: number, factor: number): number {
    return this.baseLrs[i]! * factor;
  }
}
