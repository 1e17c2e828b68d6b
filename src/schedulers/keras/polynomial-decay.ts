import type { SchedulerOptions } from "../../core/define.js";
import { bool, num, positiveNumber, withDefault } from "../../core/schema.js";
import { defineKerasSchedule, everyGroup, nameOption } from "./keras-schedule.js";

/**
 * Keras' `keras.optimizers.schedules.PolynomialDecay`: from `initial_learning_rate` to
 * `end_learning_rate` over `decay_steps`, `(initial - end) * (1 - step / decay_steps) ** power + end`,
 * then held at `end_learning_rate`; with `cycle`, over the first multiple of `decay_steps` not below
 * the step instead (so the rate is `end_learning_rate` at every multiple and jumps back up after it).
 * @example
 * const scheduler = new PolynomialDecay(optimizer, { initialLearningRate: 0.1, decaySteps: 10_000, endLearningRate: 0.01, power: 0.5 });
 * for (let step = 0; step < 10_000; step++) { trainOneBatch(); scheduler.step(); }
 */
export const PolynomialDecay = /* @__PURE__ */ defineKerasSchedule({
  type: "PolynomialDecay",
  options: () => ({
    /** The learning rate at step 0. */
    initialLearningRate: num(),
    /** Steps from the initial to the end rate (> 0; a fraction is fine). */
    decaySteps: positiveNumber(),
    /** The rate reached at `decaySteps` (above the initial one the rate rises). */
    endLearningRate: withDefault(num(), 0.0001),
    /** The power of the polynomial. */
    power: withDefault(num(), 1.0),
    /** Start again past `decaySteps`, over the next multiple of it. */
    cycle: withDefault(bool(), false),
    ...nameOption("PolynomialDecay"),
  }),
  build: ({ initialLearningRate, decaySteps, endLearningRate, power, cycle }) => {
    const span = initialLearningRate - endLearningRate;
    return {
      shape: cycle
        ? (t) => {
            // The first multiple of decay_steps that is not below t; Keras forces the multiplier to 1 at step 0.
            const multiplier = t === 0 ? 1.0 : Math.ceil(t / decaySteps);
            return span * (1 - t / (decaySteps * multiplier)) ** power + endLearningRate;
          }
        : (t) => span * (1 - Math.min(t, decaySteps) / decaySteps) ** power + endLearningRate,
      lr: everyGroup,
    };
  },
});

export type PolynomialDecay = InstanceType<typeof PolynomialDecay>;
export type PolynomialDecayOptions = SchedulerOptions<typeof PolynomialDecay>;
