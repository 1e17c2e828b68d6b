import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { respellOptionError } from "../../core/options.js";
import type { StateReader } from "../../core/state.js";
import { nonNegativeInt, nonNegativeNumber, positiveInt, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "../torch/base.js";

export interface WarmupAnnealDecayHoldOptions extends TorchCommonOptions {
  /** Steps of the linear warmup from `minLr` to `maxLr` (`warmup_steps`). */
  warmupSteps: number;
  /** Step at which the linear decay from `maxLr` would reach 0 (`max_steps`); must exceed `warmupSteps`. */
  maxSteps: number;
  /** The peak lr, reached at step `warmupSteps` (`max_lr`). */
  maxLr: number;
  /** The lr at step 0; it plays no part after the warmup. Default 4e-5. */
  minLr?: number;
  /** The lr is held at `anneal_percentage * max_lr` once the decay gets there. Default 0.1. */
  annealPercentage?: number;
}

/**
 * BioNeMo's `WarmupAnnealDecayHold`: linear warmup `min_lr -> max_lr` over `warmup_steps`, then a
 * linear decay that would reach 0 at `max_steps`, held at `anneal_percentage * max_lr` from where
 * it gets there on. Every group gets the same lr: the groups' own lrs play no part (as in BioNeMo,
 * each group's `initialLr` is set to `max_lr` if absent).
 *
 * BioNeMo divides by `max_steps - warmup_steps` after the warmup; `max_steps <= warmup_steps` is
 * refused here at construction (equal, BioNeMo fails with a ZeroDivisionError at step `warmup_steps`;
 * smaller, its lr rises without bound after the warmup).
 * @example
 * const scheduler = new WarmupAnnealDecayHold(optimizer, { warmupSteps: 2000, maxSteps: 500_000, maxLr: 4e-4 });
 */
export class WarmupAnnealDecayHold extends TorchScheduler<WarmupAnnealDecayHoldOptions> {
  static readonly schedulerType = "WarmupAnnealDecayHold";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    warmupSteps: nonNegativeInt(),
    maxSteps: positiveInt(),
    maxLr: nonNegativeNumber(),
    minLr: z.optional(nonNegativeNumber()),
    annealPercentage: z.optional(nonNegativeNumber()),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: WarmupAnnealDecayHoldOptions) {
    try {
      super(optimizer, options);
    } catch (error) {
      throw respellOptionError(error, options);
    }
  }

  protected override resolve(options: WarmupAnnealDecayHoldOptions): WarmupAnnealDecayHoldOptions {
    checkDecayLength(WarmupAnnealDecayHold.schedulerType, options.warmupSteps, options.maxSteps);
    return options;
  }

  /** BioNeMo sets `initial_lr = max_lr` where a group has none, also when resuming with `last_epoch`. */
  protected override initialBaseLrs(options: WarmupAnnealDecayHoldOptions): number[] {
    return this.optimizer.paramGroups.map((g) => {
      if (g.initialLr === undefined) g.initialLr = options.maxLr;
      return g.initialLr;
    });
  }

  /** The reference dict's `last_epoch` is the counter, not the constructor's `last_epoch` option. */
  protected override referenceOptions(reader: StateReader): Record<string, unknown> {
    const options = super.referenceOptions(reader);
    delete options.lastEpoch;
    return options;
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** Every group gets the same lr: it is computed once per step. */
  protected override lrWithShared(_i: number, _t: number, lr: number): number {
    return lr;
  }

  protected override sharedAt(t: number): number {
    const { warmupSteps, maxSteps, maxLr, minLr = 4e-5, annealPercentage = 0.1 } = this.options;
    if (t < warmupSteps) return minLr + ((maxLr - minLr) * t) / warmupSteps;
    const decayed = maxLr * (1 - (t - warmupSteps) / (maxSteps - warmupSteps));
    return Math.max(decayed, maxLr * annealPercentage);
  }
}

/** @throws InvalidOptionError unless `max_steps > warmup_steps` (the decay's length is divided by). */
export function checkDecayLength(schedulerType: string, warmupSteps: number, maxSteps: number): void {
  if (maxSteps <= warmupSteps) {
    throw new InvalidOptionError(schedulerType, "max_steps", maxSteps, `greater than warmup_steps (${warmupSteps}): the decay runs from warmup_steps to max_steps`);
  }
}
