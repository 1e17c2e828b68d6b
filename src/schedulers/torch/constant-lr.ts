import { torchEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { StepError } from "../../core/errors.js";
import type { Form } from "../../core/schedule.js";
import { int, numberIn, withDefault } from "../../core/schema.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";

/**
 * PyTorch's `ConstantLR`: `lr = base_lr * factor` for `t < total_iters`, then `base_lr`. PyTorch's
 * steps lift the factor when the counter lands on `total_iters`; with `total_iters <= 0` it never
 * does, and the factor stays forever.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.05 }] };
 * const scheduler = new ConstantLR(optimizer, { factor: 0.5, totalIters: 4 });
 * for (let epoch = 0; epoch < 10; epoch++) scheduler.step();
 */
export const ConstantLR = /* @__PURE__ */ defineSchedule({
  type: "ConstantLR",
  family: "torch",
  counter: torchEpochs,
  options: () => ({
    /** The factor applied until `totalIters`, in [0, 1]. */
    factor: withDefault(numberIn(0, 1), 1 / 3),
    /** Steps during which the factor applies; 0 (or less) keeps it forever. */
    totalIters: withDefault(int(), 5),
    ...lastEpochOption(),
  }),
  build: ({ factor, totalIters }) => {
    const lifted = totalIters > 0;
    const form: Form = {
      shape(t) {
        if (!lifted || t < totalIters) return factor;
        // PyTorch lifts the factor by dividing the lr by it, on the step that lands on total_iters.
        if (factor === 0 && t === totalIters) throw new StepError("ConstantLR", t, "factor 0 cannot be lifted at total_iters (PyTorch divides the lr by the factor there: ZeroDivisionError)");
        return 1;
      },
    };
    if (lifted && factor !== 0) return form;
    // PyTorch's deprecated step(epoch) uses its closed form, which lifts the factor (and divides by nothing).
    return { ...form, jumpShape: (t) => factor + (t >= totalIters ? 1 : 0) * (1 - factor) };
  },
  // PyTorch's step multiplies the current lr: with another scheduler on the optimizer, both act.
  chainable: () => true,
  reference: /* @__PURE__ */ torchDialect({ required: ["factor", "total_iters"] }),
});

export type ConstantLR = InstanceType<typeof ConstantLR>;
export type ConstantLROptions = SchedulerOptions<typeof ConstantLR>;
