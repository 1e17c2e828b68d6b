import type { Optimizer } from "../../core/optimizer.js";
import { num, positiveInt, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";
import { PowerMemo } from "../power-memo.js";

export interface StepLROptions extends TorchCommonOptions {
  /** Period of the decay, in steps (`step_size`). */
  stepSize: number;
  /** Multiplicative decay applied every `stepSize` steps. Default 0.1. */
  gamma?: number;
}

/** The constants of the closed form, read as plain numbers per step. */
interface StepLRResolved {
  stepSize: number;
  /** `gamma ** k`, recomputed only when `k = floor(t / step_size)` changes. */
  decay: PowerMemo;
}

/**
 * PyTorch's `StepLR`: `lr = base_lr * gamma ** floor(t / step_size)`.
 * @example
 * const scheduler = new StepLR(optimizer, { stepSize: 30, gamma: 0.1 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); scheduler.step(); }
 */
export class StepLR extends TorchScheduler<StepLROptions, StepLRResolved> {
  static readonly schedulerType = "StepLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    stepSize: positiveInt(),
    gamma: z.optional(num()),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: StepLROptions) {
    super(optimizer, options);
  }

  protected override resolve(options: StepLROptions): StepLRResolved {
    return { stepSize: options.stepSize, decay: new PowerMemo(options.gamma ?? 0.1) };
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** The decay factor, the same for every group: computed once per step. */
  protected override sharedAt(t: number): number {
    const r = this.resolved;
    return r.decay.at(Math.floor(t / r.stepSize));
  }

  protected override lrWithShared(i: number, _t: number, factor: number): number {
    return this.baseLrs[i]! * factor;
  }
}
