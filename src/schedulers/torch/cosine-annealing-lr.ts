import type { Optimizer } from "../../core/optimizer.js";
import { num, positiveNumber, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";

export interface CosineAnnealingLROptions extends TorchCommonOptions {
  /** Half-period of the cosine, in steps (`T_max`), > 0. */
  tMax: number;
  /** The lr at `T_max` (`eta_min`). Default 0. */
  etaMin?: number;
}

/** The constants of the closed form, plain numbers. */
interface CosineAnnealingLRResolved {
  tMax: number;
  etaMin: number;
}

/**
 * PyTorch's `CosineAnnealingLR`: `lr = eta_min + (base_lr - eta_min) * (1 + cos(pi * t / T_max)) / 2`.
 * It does not stop at `T_max`: like PyTorch's recursion, the lr climbs back to `base_lr` at `2 * T_max`
 * and repeats with period `2 * T_max`.
 * @example
 * const scheduler = new CosineAnnealingLR(optimizer, { tMax: 100, etaMin: 1e-5 });
 */
export class CosineAnnealingLR extends TorchScheduler<CosineAnnealingLROptions, CosineAnnealingLRResolved> {
  static readonly schedulerType = "CosineAnnealingLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    // T_max = 0: PyTorch fails with "integer modulo by zero" at the first step.
    tMax: positiveNumber(),
    etaMin: z.optional(num()),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: CosineAnnealingLROptions) {
    super(optimizer, options);
  }

  protected override resolve(options: CosineAnnealingLROptions): CosineAnnealingLRResolved {
    return { tMax: options.tMax, etaMin: options.etaMin ?? 0 };
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** `1 + cos(pi * t / T_max)`, the same for every group: computed once per step. */
  protected override sharedAt(t: number): number {
    return 1 + Math.cos((Math.PI * t) / this.resolved.tMax);
  }

  protected override lrWithShared(i: number, _t: number, cosine: number): number {
    const etaMin = this.resolved.etaMin;
    return etaMin + ((this.baseLrs[i]! - etaMin) * cosine) / 2;
  }
}
