import { deepspeedIterations } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { bool, num, withDefault } from "../../core/schema.js";
import { deepspeedDialect, lastBatchIterationOption, numberPerGroup, perGroupValues } from "./common.js";

/**
 * DeepSpeed's `LRRangeTest`: `lr = min_lr * (1 + step_rate * interval)` with
 * `interval = (it + 1) / step_size`, floored with the staircase. Iteration 0 is already one
 * increment above `min_lr` (DeepSpeed's `+ 1`).
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new LRRangeTest(optimizer, { lrRangeTestMinLr: 1e-4, lrRangeTestStepSize: 100 });
 * scheduler.step(); // iteration 0: lr 1.01e-4
 */
export const LRRangeTest = /* @__PURE__ */ defineSchedule({
  type: "LRRangeTest",
  family: "deepspeed",
  counter: deepspeedIterations,
  base: "lr",
  options: () => ({
    /** The lr at iteration -1, one or one per group (`lr_range_test_min_lr`). */
    lrRangeTestMinLr: withDefault(numberPerGroup(), 1e-3 as number | number[]),
    /** Iterations per increment (`lr_range_test_step_size`); DeepSpeed divides by it at every step, so 0 is refused. */
    lrRangeTestStepSize: withDefault(num("a finite number other than 0 (DeepSpeed divides by it at every step)", (v) => v !== 0), 2000),
    /** Increment per `step_size` iterations, as a multiple of the min lr (`lr_range_test_step_rate`). */
    lrRangeTestStepRate: withDefault(num(), 1),
    /** Grow in whole increments (`lr_range_test_staircase`). */
    lrRangeTestStaircase: withDefault(bool(), false),
    ...lastBatchIterationOption(),
  }),
  build: (o, ctx) => {
    const minLrs = perGroupValues(o.lrRangeTestMinLr, "lrRangeTestMinLr", ctx.groups.length, ctx.fail);
    const { lrRangeTestStepSize: stepSize, lrRangeTestStepRate: stepRate } = o;
    const interval = o.lrRangeTestStaircase ? (t: number) => Math.floor((t + 1) / stepSize) : (t: number) => (t + 1) / stepSize;
    return {
      shape: (t) => 1 + stepRate * interval(t),
      lr: (i, increase) => minLrs[i]! * increase,
    };
  },
  reference: deepspeedDialect,
});

export type LRRangeTest = InstanceType<typeof LRRangeTest>;
export type LRRangeTestOptions = SchedulerOptions<typeof LRRangeTest>;
