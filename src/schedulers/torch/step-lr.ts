import { torchEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { num, positiveInt, withDefault } from "../../core/schema.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";
import { powerBySteps } from "../shared/power-by-steps.js";

/**
 * PyTorch's `StepLR`: `lr = base_lr * gamma ** floor(t / step_size)`.
 * @example
 * const scheduler = new StepLR(optimizer, { stepSize: 30, gamma: 0.1 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); scheduler.step(); }
 */
export const StepLR = /* @__PURE__ */ defineSchedule({
  type: "StepLR",
  family: "torch",
  counter: torchEpochs,
  options: () => ({
    /** Period of the decay, in steps. */
    stepSize: positiveInt(),
    /** Multiplicative decay applied every `stepSize` steps. */
    gamma: withDefault(num(), 0.1),
    ...lastEpochOption(),
  }),
  build: ({ stepSize, gamma }) => {
    const power = powerBySteps(gamma); // gamma ** k, recomputed when k changes
    return { shape: (t) => power(Math.floor(t / stepSize)) };
  },
  reference: /* @__PURE__ */ torchDialect({ required: ["step_size"] }),
  chainable: () => true,
});

export type StepLR = InstanceType<typeof StepLR>;
export type StepLROptions = SchedulerOptions<typeof StepLR>;
