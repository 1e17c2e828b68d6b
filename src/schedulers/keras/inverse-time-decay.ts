import type { SchedulerOptions } from "../../core/define.js";
import { bool, num, positiveNumber, withDefault } from "../../core/schema.js";
import { defineKerasSchedule, everyGroup, nameOption } from "./keras-schedule.js";

/**
 * Keras' `keras.optimizers.schedules.InverseTimeDecay`:
 * `lr = initial_learning_rate / (1 + decay_rate * step / decay_steps)` (`step / decay_steps`
 * floored with `staircase`), written into every group.
 * @example
 * const scheduler = new InverseTimeDecay(optimizer, { initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
 * for (let step = 0; step < 1000; step++) { trainOneBatch(); scheduler.step(); }
 */
export const InverseTimeDecay = /* @__PURE__ */ defineKerasSchedule({
  type: "InverseTimeDecay",
  options: () => ({
    /** The learning rate at step 0. */
    initialLearningRate: num(),
    /** The unit of `step` in the formula (> 0; a fraction is fine). */
    decaySteps: positiveNumber(),
    /** How fast the rate falls. */
    decayRate: num(),
    /** Use `floor(step / decaySteps)`. */
    staircase: withDefault(bool(), false),
    ...nameOption("InverseTimeDecay"),
  }),
  build: ({ initialLearningRate, decaySteps, decayRate, staircase }) => ({
    shape: staircase
      ? (t) => initialLearningRate / (1 + decayRate * Math.floor(t / decaySteps))
      : (t) => initialLearningRate / (1 + decayRate * (t / decaySteps)),
    lr: everyGroup,
  }),
});

export type InverseTimeDecay = InstanceType<typeof InverseTimeDecay>;
export type InverseTimeDecayOptions = SchedulerOptions<typeof InverseTimeDecay>;
