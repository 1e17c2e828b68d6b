import { torchSteps } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { StepError } from "../../core/errors.js";
import { factorOf, lambdaDialect, lambdaOptions, lambdasOf } from "./lambda-options.js";

/**
 * The most factors one evaluation multiplies: reaching a step this far from the steps already known
 * (a jump, a load, `scheduleAt`) is refused rather than calling the function that many times.
 */
export const MAX_RECOMPUTED_FACTORS = 1_000_000;

/**
 * PyTorch's `MultiplicativeLR`: each step multiplies the lr by `lr_lambda(t)`, so
 * `lr_t = base_lr * f(1) * f(2) * ... * f(t)` (`lr_0 = base_lr`). Consecutive `step()` calls extend a
 * running product, one call of each function per step (one function for every group is called once
 * per step; PyTorch calls it once per group). Another step (`step(epoch)`, a load, `scheduleAt`) is
 * found from the nearest product known below it, one call per step, at most `MAX_RECOMPUTED_FACTORS` calls.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new MultiplicativeLR(optimizer, { lrLambda: (epoch) => (epoch % 10 === 0 ? 0.5 : 1) });
 * for (let epoch = 0; epoch < 100; epoch++) scheduler.step();
 */
export const MultiplicativeLR = /* @__PURE__ */ defineSchedule({
  type: "MultiplicativeLR",
  family: "torch",
  counter: torchSteps,
  options: lambdaOptions,
  build: ({ lrLambda }, ctx) => {
    const single = typeof lrLambda === "function";
    const lambdas = single ? [lrLambda] : lambdasOf(lrLambda, ctx);
    const { baseLrs } = ctx;
    const n = lambdas.length;
    // The products f(1) * ... * f(t), one per function, at two steps: the highest step computed, and the
    // latest other one. Plain steps extend the highest; looking at another step leaves it alone.
    let highAt = 0;
    let high: Float64Array = new Float64Array(n).fill(1);
    let lowAt = 0;
    let low: Float64Array = new Float64Array(n).fill(1);
    let spare: Float64Array = new Float64Array(n);
    /** The products at step `t`, computed into the spare buffer from the nearest known step at or below `t`. */
    const productsAt = (t: number): Float64Array => {
      if (t === highAt) return high;
      if (t === lowAt) return low;
      const from = highAt <= t ? high : lowAt <= t ? low : undefined;
      const fromAt = from === high ? highAt : from === low ? lowAt : 0;
      if (t - fromAt > MAX_RECOMPUTED_FACTORS) {
        throw new StepError("MultiplicativeLR", t, `the product f(1) * ... * f(${t}) would take ${t - fromAt} calls of lr_lambda from the nearest step known (${fromAt}); at most ${MAX_RECOMPUTED_FACTORS} are made`);
      }
      for (let k = 0; k < n; k++) {
        let product = from === undefined ? 1 : from[k]!;
        for (let s = fromAt + 1; s <= t; s++) product *= factorOf("MultiplicativeLR", lambdas[k]!, single ? -1 : k, s);
        spare[k] = product;
      }
      const computed = spare;
      spare = low;
      if (t > highAt) {
        low = high;
        lowAt = highAt;
        high = computed;
        highAt = t;
        return high;
      }
      low = computed;
      lowAt = t;
      return low;
    };
    // The products of the step `shape` was last called for, read by the per-group lrs.
    let current = high;
    return {
      shape(t) {
        current = productsAt(t);
        return current[0]!;
      },
      lr: single ? (i, s) => baseLrs[i]! * s : (i) => baseLrs[i]! * current[i]!,
    };
  },
  // PyTorch's step multiplies the current lr: with another scheduler on the optimizer, both act.
  chainable: () => true,
  reference: /* @__PURE__ */ lambdaDialect(),
});

export type MultiplicativeLR = InstanceType<typeof MultiplicativeLR>;
export type MultiplicativeLROptions = SchedulerOptions<typeof MultiplicativeLR>;
