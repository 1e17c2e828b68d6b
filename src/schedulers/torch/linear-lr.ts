import { torchEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { StepError } from "../../core/errors.js";
import { int, numberIn, withDefault } from "../../core/schema.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";

/**
 * PyTorch's `LinearLR`: `lr = base_lr * (start + (end - start) * min(t, total_iters) / total_iters)`.
 * With `total_iters <= 0` PyTorch's steps apply `start_factor` at construction and never change it.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const warmup = new LinearLR(optimizer, { startFactor: 0.25, totalIters: 10 });
 * for (let epoch = 0; epoch < 20; epoch++) warmup.step();
 */
export const LinearLR = /* @__PURE__ */ defineSchedule({
  type: "LinearLR",
  family: "torch",
  counter: torchEpochs,
  options: () => ({
    /** Factor at step 0, in (0, 1]. */
    startFactor: withDefault(numberIn(0, 1, { minOpen: true }), 1 / 3),
    /** Factor from `totalIters` on, in [0, 1]. */
    endFactor: withDefault(numberIn(0, 1), 1.0),
    /** Steps over which the factor moves from start to end; 0 (or less) keeps `startFactor` forever. */
    totalIters: withDefault(int(), 5),
    ...lastEpochOption(),
  }),
  build: ({ startFactor, endFactor, totalIters }) => {
    const span = endFactor - startFactor;
    if (totalIters > 0) return { shape: (t) => startFactor + (span * Math.min(totalIters, t)) / totalIters };
    return {
      shape: () => startFactor,
      // PyTorch's deprecated step(epoch) uses its closed form, which divides by total_iters.
      jumpShape: (t) => {
        if (totalIters === 0) throw new StepError("LinearLR", t, "step(epoch) with total_iters 0 divides by zero in PyTorch's closed form (ZeroDivisionError)");
        return startFactor + (span * totalIters) / totalIters;
      },
    };
  },
  // PyTorch's step multiplies the current lr: with another scheduler on the optimizer, both act.
  chainable: () => true,
  reference: /* @__PURE__ */ torchDialect({ required: ["start_factor", "end_factor", "total_iters"] }),
});

export type LinearLR = InstanceType<typeof LinearLR>;
export type LinearLROptions = SchedulerOptions<typeof LinearLR>;
