import type { SchedulerOptions } from "../../core/define.js";
import { num, positiveNumber, withDefault } from "../../core/schema.js";
import { defineKerasSchedule, everyGroup, nameOption } from "./keras-schedule.js";

/**
 * Keras' `keras.optimizers.schedules.CosineDecayRestarts` (SGDR): a cosine from
 * `initial_learning_rate` to `initial_learning_rate * alpha` over `first_decay_steps`, then a
 * restart; each period is `t_mul` times longer than the one before, and its cosine part `m_mul`
 * times taller (the floor stays at `alpha * initial_learning_rate`).
 * @example
 * // periods of 1000, 2000, 4000, ... steps
 * const scheduler = new CosineDecayRestarts(optimizer, { initialLearningRate: 0.1, firstDecaySteps: 1000 });
 * for (let step = 0; step < 7000; step++) { trainOneBatch(); scheduler.step(); }
 */
export const CosineDecayRestarts = /* @__PURE__ */ defineKerasSchedule({
  type: "CosineDecayRestarts",
  options: () => ({
    /** The learning rate at step 0 and at the top of the first period. */
    initialLearningRate: num(),
    /** Steps of the first period (> 0; a fraction is fine). */
    firstDecaySteps: positiveNumber(),
    /** Each period is this many times longer than the previous one (>= 0: a negative one gives NaN from step 0 on). */
    tMul: withDefault(num("a finite number >= 0 (a negative t_mul makes the value NaN from step 0 on)", (v) => v >= 0), 2.0),
    /** Each period's cosine part is this many times the previous one's. */
    mMul: withDefault(num(), 1.0),
    /** The floor, as a fraction of `initialLearningRate`. */
    alpha: withDefault(num(), 0.0),
    ...nameOption("SGDRDecay"),
  }),
  build: ({ initialLearningRate, firstDecaySteps, tMul, mMul, alpha }) => {
    const logTMul = Math.log(tMul);
    return {
      shape(t) {
        let fraction = t / firstDecaySteps;
        let restart: number;
        if (tMul === 1.0) {
          restart = Math.floor(fraction);
          fraction -= restart;
        } else {
          // At a restart the log ratio is an exact integer: computed as Keras writes it, floor() lands on it.
          restart = Math.floor(Math.log(1.0 - fraction * (1.0 - tMul)) / logTMul);
          const before = (1.0 - tMul ** restart) / (1.0 - tMul);
          fraction = (fraction - before) / tMul ** restart;
        }
        const cosine = 0.5 * mMul ** restart * (1.0 + Math.cos(Math.PI * fraction));
        return initialLearningRate * ((1 - alpha) * cosine + alpha);
      },
      lr: everyGroup,
    };
  },
});

export type CosineDecayRestarts = InstanceType<typeof CosineDecayRestarts>;
export type CosineDecayRestartsOptions = SchedulerOptions<typeof CosineDecayRestarts>;
