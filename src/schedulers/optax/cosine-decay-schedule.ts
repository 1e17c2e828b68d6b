import type { SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { CompleteForm } from "../../core/schedule.js";
import { num, positiveNumber, withDefault } from "../../core/schema.js";
import { defineOptaxSchedule, absolute } from "./common.js";

/** The arguments of optax's `cosine_decay_schedule` (`decaySteps` > 0). */
export interface CosineDecayParameters {
  readonly initValue: number;
  readonly decaySteps: number;
  readonly alpha: number;
  readonly exponent: number;
}

/** `c = min(count, decay_steps)`, `init_value * ((1 - alpha) * (0.5 * (1 + cos(pi * c / decay_steps))) ** exponent + alpha)`. */
export function cosineDecayForm({ initValue, decaySteps, alpha, exponent }: CosineDecayParameters): CompleteForm {
  return absolute((t) => {
    const count = Math.min(t, decaySteps);
    const cosine = 0.5 * (1 + Math.cos((Math.PI * count) / decaySteps));
    return initValue * ((1 - alpha) * cosine ** exponent + alpha);
  });
}

/**
 * optax's `cosine_decay_schedule`: a half cosine from `init_value` down to `alpha * init_value` over
 * `decay_steps` counts, then held there; `exponent` raises the cosine factor before the `alpha` mix.
 * @example
 * const scheduler = new OptaxCosineDecaySchedule(optimizer, { initValue: 0.1, decaySteps: 100, alpha: 0.1 });
 */
export const OptaxCosineDecaySchedule = /* @__PURE__ */ defineOptaxSchedule({
  type: "cosine_decay_schedule",
  options: () => ({
    /** The value at count 0. */
    initValue: num(),
    /** Counts over which the cosine runs (> 0; fractions work). */
    decaySteps: positiveNumber(),
    /** The floor, as a fraction of `initValue`. */
    alpha: withDefault(num(), 0),
    /** The power of the cosine factor `0.5 * (1 + cos(pi * t / T))`. */
    exponent: withDefault(num(), 1),
  }),
  build: (o) => cosineDecayForm(o),
});

export type OptaxCosineDecaySchedule = InstanceType<typeof OptaxCosineDecaySchedule>;
export type OptaxCosineDecayScheduleOptions = SchedulerOptions<typeof OptaxCosineDecaySchedule>;

/**
 * `optax.cosine_decay_schedule(...)` on an optimizer.
 * @example
 * const scheduler = cosineDecaySchedule(optimizer, { initValue: 0.1, decaySteps: 1000 });
 */
export function cosineDecaySchedule(optimizer: Optimizer, options: OptaxCosineDecayScheduleOptions): OptaxCosineDecaySchedule {
  return new OptaxCosineDecaySchedule(optimizer, options);
}
