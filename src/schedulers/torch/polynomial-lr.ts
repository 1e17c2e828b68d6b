import { torchEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { StepError } from "../../core/errors.js";
import { int, num, withDefault } from "../../core/schema.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";

/**
 * PyTorch's `PolynomialLR`: `lr = base_lr * (1 - min(t, total_iters) / total_iters) ** power`, 0 from
 * `total_iters` on. With `total_iters <= 0` PyTorch's steps never change the lr.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new PolynomialLR(optimizer, { totalIters: 40, power: 2 });
 * for (let epoch = 0; epoch < 50; epoch++) scheduler.step();
 */
export const PolynomialLR = /* @__PURE__ */ defineSchedule({
  type: "PolynomialLR",
  family: "torch",
  counter: torchEpochs,
  options: () => ({
    /** Steps over which the lr decays to 0; 0 (or less) leaves the lr unchanged. */
    totalIters: withDefault(int(), 5),
    /** Power of the polynomial (a negative one cannot reach 0: the step at `totalIters` is refused). */
    power: withDefault(num(), 1.0),
    ...lastEpochOption(),
  }),
  build: ({ totalIters, power }) => {
    if (totalIters > 0) return { shape: (t) => (1 - Math.min(totalIters, t) / totalIters) ** power };
    return {
      shape: () => 1,
      // PyTorch's deprecated step(epoch) uses its closed form, which divides by total_iters.
      jumpShape: (t) => {
        if (totalIters === 0) throw new StepError("PolynomialLR", t, "step(epoch) with total_iters 0 divides by zero in PyTorch's closed form (ZeroDivisionError)");
        return (1 - totalIters / totalIters) ** power;
      },
    };
  },
  // PyTorch's step multiplies the current lr: with another scheduler on the optimizer, both act.
  chainable: () => true,
  reference: /* @__PURE__ */ torchDialect({ required: ["total_iters", "power"] }),
});

export type PolynomialLR = InstanceType<typeof PolynomialLR>;
export type PolynomialLROptions = SchedulerOptions<typeof PolynomialLR>;
