/**
 * Option pieces the Hugging Face schedules share, and the one place they read the optimizer's
 * `defaults.lr` (polynomial decay and the cosine-with-min-lr schedules do, as in Python).
 */
import { InvalidOptimizerError, InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { nonNegativeInt, nonNegativeNumber, num } from "../../core/schema.js";
import * as z from "zod/mini";
import { torchCommonOptions, type TorchCommonOptions } from "../torch/base.js";
import { resolveLinearWarmup, type LinearWarmup } from "./factor-schedule.js";

export interface WarmupOptions extends TorchCommonOptions {
  /** Steps of the linear warmup from 0 to the group's lr (`num_warmup_steps`). */
  numWarmupSteps: number;
}

export interface WarmupTrainingOptions extends WarmupOptions {
  /** The total number of training steps (`num_training_steps`). */
  numTrainingSteps: number;
}

export interface CosineOptions extends WarmupTrainingOptions {
  /** Waves of the cosine; 0.5 (the default) is one half-cosine from the peak down. */
  numCycles?: number;
}

export interface MinLrOptions extends CosineOptions {
  /** The floor as an absolute lr, divided by the optimizer's `defaults.lr` (give this or `minLrRate`). */
  minLr?: number;
  /** The floor as a fraction of each group's initial lr (give this or `minLr`). */
  minLrRate?: number;
}

// Functions, not records: a top-level spread is code a bundler must keep, so records would stay in every bundle.
export const warmupSchema = () => ({ numWarmupSteps: nonNegativeInt(), ...torchCommonOptions });
export const warmupTrainingSchema = () => ({ ...warmupSchema(), numTrainingSteps: nonNegativeInt() });
export const cosineSchema = () => ({ ...warmupTrainingSchema(), numCycles: z.optional(num()) });
export const minLrSchema = () => ({ ...cosineSchema(), minLr: z.optional(nonNegativeNumber()), minLrRate: z.optional(num()) });

/**
 * The lr Hugging Face calls `lr_init`: `optimizer.defaults.lr`, which may differ from the groups' own
 * lrs. Optimizers here need not carry `defaults`; without `defaults.lr` the first group's initial lr
 * stands in (what `defaults.lr` is when the optimizer was built with one lr for every group).
 * @throws InvalidOptimizerError if `defaults.lr` is present but not a finite number
 */
export function defaultsLr(optimizer: Optimizer, schedulerType: string): number {
  const lr = optimizer.defaults?.lr;
  if (lr === undefined) {
    const first = optimizer.paramGroups[0]!;
    return first.initialLr ?? first.lr;
  }
  if (typeof lr !== "number" || !Number.isFinite(lr)) {
    throw new InvalidOptimizerError(schedulerType, "defaults.lr", lr, "a finite number");
  }
  return lr;
}

/**
 * The floor of the cosine as a fraction of the initial lr, from exactly one of `min_lr` and
 * `min_lr_rate`, as Hugging Face computes it.
 * @throws InvalidOptionError if both or neither are given; InvalidOptimizerError if `min_lr` would be divided by a zero lr
 */
export function resolveMinLrRate(options: MinLrOptions, optimizer: Optimizer, schedulerType: string): number {
  if (options.minLr !== undefined && options.minLrRate !== undefined) {
    throw new InvalidOptionError(schedulerType, "min_lr", options.minLr, "left out when min_lr_rate is given (give only one of them)");
  }
  if (options.minLr !== undefined) {
    const lrInit = defaultsLr(optimizer, schedulerType);
    if (lrInit === 0) throw new InvalidOptimizerError(schedulerType, "defaults.lr", lrInit, "non-zero (min_lr is divided by it)");
    return options.minLr / lrInit;
  }
  if (options.minLrRate === undefined) {
    throw new InvalidOptionError(schedulerType, "min_lr_rate", undefined, "given, or min_lr instead (one of them is required)");
  }
  return options.minLrRate;
}

/**
 * The constants of the cosine schedules, derived once (see `LinearWarmup`): past the warmup the factor is
 * `max(0, 0.5 * (1 + cos(angle * progress)) * span + minLrRate)`, `progress` counted over `decaySteps`.
 */
export interface CosineDecay extends LinearWarmup {
  /** `max(1, num_training_steps - num_warmup_steps)`. */
  decaySteps: number;
  /** `pi * num_cycles * 2`: the product is left-associated in Python's formula, so folding it changes no bit. */
  angle: number;
  minLrRate: number;
  /** `1 - minLrRate`. */
  span: number;
}

export function resolveCosineDecay(options: CosineOptions, minLrRate: number): CosineDecay {
  const { numWarmupSteps: warmup, numTrainingSteps: total, numCycles = 0.5 } = options;
  return { ...resolveLinearWarmup(warmup), decaySteps: Math.max(1, total - warmup), angle: Math.PI * numCycles * 2.0, minLrRate, span: 1 - minLrRate };
}

