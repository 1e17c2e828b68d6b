import * as z from "zod/mini";
import { stepCounts } from "../../core/counter.js";
import type { SchedulerOptions } from "../../core/define.js";
import { num, positiveNumber, withDefault } from "../../core/schema.js";
import { defineKerasSchedule, everyGroup, nameOption } from "./keras-schedule.js";

/**
 * Keras' `keras.optimizers.schedules.CosineDecay`: a cosine from `initial_learning_rate` down to
 * `initial_learning_rate * alpha` over `decay_steps`, then held there. With `warmup_target`, a
 * linear warmup from `initial_learning_rate` to `warmup_target` over `warmup_steps` comes first and
 * the cosine runs from `warmup_target` (to `warmup_target * alpha`); without it `warmup_steps` is ignored.
 * @example
 * const scheduler = new CosineDecay(optimizer, { initialLearningRate: 0, decaySteps: 9000, warmupTarget: 0.1, warmupSteps: 1000 });
 * for (let step = 0; step < 10_000; step++) { trainOneBatch(); scheduler.step(); }
 */
export const CosineDecay = /* @__PURE__ */ defineKerasSchedule({
  type: "CosineDecay",
  options: () => ({
    /** The learning rate at step 0 (where the warmup starts, if there is one). */
    initialLearningRate: num(),
    /** Steps of the cosine (> 0; a fraction is fine). */
    decaySteps: positiveNumber(),
    /** The floor, as a fraction of the rate the cosine starts from (above 1 the rate rises). */
    alpha: withDefault(num(), 0.0),
    ...nameOption("CosineDecay"),
    /** The rate the warmup reaches; null (the default): no warmup. */
    warmupTarget: z._default(z.nullable(num("a finite number or null")), null),
    /** Steps of the warmup; ignored without `warmupTarget`. */
    warmupSteps: withDefault(num(), 0),
  }),
  build: ({ initialLearningRate, decaySteps, alpha, warmupTarget, warmupSteps }) => {
    const cosine = (step: number, from: number) => {
      const decayed = (1 - alpha) * (0.5 * (1.0 + Math.cos(Math.PI * (step / decaySteps)))) + alpha;
      return from * decayed;
    };
    if (warmupTarget === null) return { shape: (t) => cosine(Math.min(t, decaySteps), initialLearningRate), lr: everyGroup };
    const end = decaySteps + warmupSteps;
    return {
      shape(t) {
        const step = Math.min(t, end);
        if (step < warmupSteps) return (warmupTarget - initialLearningRate) * (step / warmupSteps) + initialLearningRate;
        return cosine(step - warmupSteps, warmupTarget);
      },
      lr: everyGroup,
    };
  },
});

export type CosineDecay = InstanceType<typeof CosineDecay>;
export type CosineDecayOptions = SchedulerOptions<typeof CosineDecay>;
