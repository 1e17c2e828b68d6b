import type { Optimizer } from "../../core/optimizer.js";
import { nonNegativeInt, numberIn, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";

export interface LinearLROptions extends TorchCommonOptions {
  /** Factor at step 0, in (0, 1]. Default 1/3. */
  startFactor?: number;
  /** Factor from `totalIters` on, in [0, 1]. Default 1. */
  endFactor?: number;
  /** Steps over which the factor moves from start to end; 0 keeps `startFactor` forever. Default 5. */
  totalIters?: number;
}

/** The constants of the closed form, plain numbers. */
interface LinearLRResolved {
  start: number;
  /** `end - start`; 0 when total_iters is 0. */
  span: number;
  /** `total_iters`; 1 when it is 0, so that `start + (0 * min(1, t)) / 1` is `start` exactly, without a branch. */
  totalIters: number;
}

/**
 * PyTorch's `LinearLR`: `lr = base_lr * (start + (end - start) * min(t, total_iters) / total_iters)`.
 * @example
 * const warmup = new LinearLR(optimizer, { startFactor: 0.25, totalIters: 10 });
 */
export class LinearLR extends TorchScheduler<LinearLROptions, LinearLRResolved> {
  static readonly schedulerType = "LinearLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    startFactor: z.optional(numberIn(0, 1, { minOpen: true })),
    endFactor: z.optional(numberIn(0, 1)),
    totalIters: z.optional(nonNegativeInt()),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: LinearLROptions = {}) {
    super(optimizer, options);
  }

  protected override resolve(options: LinearLROptions): LinearLRResolved {
    const start = options.startFactor ?? 1 / 3;
    const totalIters = options.totalIters ?? 5;
    // total_iters = 0: PyTorch's steps apply start_factor at construction and never change it again.
    if (totalIters === 0) return { start, span: 0, totalIters: 1 };
    return { start, span: (options.endFactor ?? 1) - start, totalIters };
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** The factor at step `t`, the same for every group: computed once per step. */
  protected override sharedAt(t: number): number {
    const { start, span, totalIters } = this.resolved;
    return start + (span * Math.min(totalIters, t)) / totalIters;
  }

  protected override lrWithShared(i: number, _t: number, factor: number): number {
    return this.baseLrs[i]! * factor;
  }
}
