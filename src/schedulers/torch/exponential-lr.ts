import { torchEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { num } from "../../core/schema.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";

/**
 * PyTorch's `ExponentialLR`: `lr = base_lr * gamma ** t`.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new ExponentialLR(optimizer, { gamma: 0.95 });
 * for (let epoch = 0; epoch < 100; epoch++) scheduler.step();
 */
export const ExponentialLR = /* @__PURE__ */ defineSchedule({
  type: "ExponentialLR",
  family: "torch",
  counter: torchEpochs,
  options: () => ({
    /** Multiplicative decay per step. */
    gamma: num(),
    ...lastEpochOption(),
  }),
  build: ({ gamma }) => ({ shape: (t) => gamma ** t }),
  // PyTorch's step multiplies the current lr: with another scheduler on the optimizer, both act.
  chainable: () => true,
  reference: /* @__PURE__ */ torchDialect({ required: ["gamma"] }),
});

export type ExponentialLR = InstanceType<typeof ExponentialLR>;
export type ExponentialLROptions = SchedulerOptions<typeof ExponentialLR>;
