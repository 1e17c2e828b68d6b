import type { SchedulerOptions } from "../../core/define.js";
import { bool, num, positiveNumber, withDefault } from "../../core/schema.js";
import { defineKerasSchedule, everyGroup, nameOption } from "./keras-schedule.js";
import { powerBySteps } from "../shared/power-by-steps.js";

/**
 * Keras' `keras.optimizers.schedules.ExponentialDecay`:
 * `lr = initial_learning_rate * decay_rate ** (step / decay_steps)` (the exponent floored with
 * `staircase`), written into every group.
 * @example
 * const scheduler = new ExponentialDecay(optimizer, { initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96 });
 * for (let step = 0; step < 10_000; step++) { trainOneBatch(); scheduler.step(); }
 */
export const ExponentialDecay = /* @__PURE__ */ defineKerasSchedule({
  type: "ExponentialDecay",
  options: () => ({
    /** The learning rate at step 0. */
    initialLearningRate: num(),
    /** Steps per power of `decayRate` (> 0; a fraction is fine). */
    decaySteps: positiveNumber(),
    /** The factor every `decaySteps` steps (above 1 the rate grows). */
    decayRate: num(),
    /** Decay at whole multiples of `decaySteps` only. */
    staircase: withDefault(bool(), false),
    ...nameOption("ExponentialDecay"),
  }),
  build: ({ initialLearningRate, decaySteps, decayRate, staircase }) => {
    const power = powerBySteps(decayRate); // decayRate ** k, recomputed when k changes
    return {
      shape: staircase ? (t) => initialLearningRate * power(Math.floor(t / decaySteps)) : (t) => initialLearningRate * decayRate ** (t / decaySteps),
      lr: everyGroup,
    };
  },
});

export type ExponentialDecay = InstanceType<typeof ExponentialDecay>;
export type ExponentialDecayOptions = SchedulerOptions<typeof ExponentialDecay>;
