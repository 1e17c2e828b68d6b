import type { Optimizer } from "../../core/optimizer.js";
import { bool, nonNegativeNumber, perGroup, positiveInt, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { DeepSpeedScheduler, deepspeedCommonOptions, type DeepSpeedCommonOptions } from "./base.js";

export interface LRRangeTestOptions extends DeepSpeedCommonOptions {
  /** The lr at iteration -1, per group or one for all (`lr_range_test_min_lr`). Default 0.001. */
  lrRangeTestMinLr?: number | number[];
  /** Iterations per unit of increase (`lr_range_test_step_size`). Default 2000. */
  lrRangeTestStepSize?: number;
  /** Increase per `step_size` iterations, as a multiple of the min lr (`lr_range_test_step_rate`). Default 1. */
  lrRangeTestStepRate?: number;
  /** Increase in whole steps rather than continuously (`lr_range_test_staircase`). Default false. */
  lrRangeTestStaircase?: boolean;
}

interface Resolved {
  minLrs: number[];
  stepSize: number;
  stepRate: number;
  staircase: boolean;
}

/**
 * DeepSpeed's `LRRangeTest`: `lr = min_lr * (1 + step_rate * interval)` with
 * `interval = (it + 1) / step_size`, floored with the staircase. Iteration 0 is already one
 * increment above `min_lr` (DeepSpeed's `+1`).
 * @example
 * const scheduler = new LRRangeTest(optimizer, { lrRangeTestMinLr: 1e-4, lrRangeTestStepSize: 100 });
 * for (const batch of batches) { train(batch); scheduler.step(); }
 */
export class LRRangeTest extends DeepSpeedScheduler<LRRangeTestOptions, Resolved> {
  static readonly schedulerType = "LRRangeTest";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    lrRangeTestMinLr: z.optional(perGroup(nonNegativeNumber(), "a finite number >= 0")),
    lrRangeTestStepSize: z.optional(positiveInt()),
    lrRangeTestStepRate: z.optional(nonNegativeNumber()),
    lrRangeTestStaircase: z.optional(bool()),
    ...deepspeedCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: LRRangeTestOptions = {}) {
    super(optimizer, options);
  }

  protected override resolve(options: LRRangeTestOptions, optimizer: Optimizer): Resolved {
    return {
      minLrs: this.perGroupValues(options.lrRangeTestMinLr ?? 1e-3, optimizer, "lrRangeTestMinLr"),
      stepSize: options.lrRangeTestStepSize ?? 2000,
      stepRate: options.lrRangeTestStepRate ?? 1,
      staircase: options.lrRangeTestStaircase ?? false,
    };
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** `1 + step_rate * interval`, the same for every group: computed once per step. */
  protected override sharedAt(t: number): number {
    const { stepSize, stepRate, staircase } = this.resolved;
    const interval = staircase ? Math.floor((t + 1) / stepSize) : (t + 1) / stepSize;
    return 1 + stepRate * interval;
  }

  protected override lrWithShared(i: number, _t: number, factor: number): number {
    return this.resolved.minLrs[i]! * factor;
  }
}
