import { sequence } from "../../core/compose.js";
import type { SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { OptionsOf } from "../../core/options.js";
import type { BuildContext, CompleteForm } from "../../core/schedule.js";
import { num, withDefault } from "../../core/schema.js";
import { cosineDecayForm } from "./cosine-decay-schedule.js";
import { polynomialForm } from "./polynomial-schedule.js";
import { defineOptaxSchedule } from "./common.js";

/** The keyword arguments of optax's `warmup_cosine_decay_schedule` (also one cycle of `sgdr_schedule`). */
export const warmupCosineDecayOptions = () => ({
  /** The value at count 0. */
  initValue: num(),
  /** The value reached at `warmupSteps`. */
  peakValue: num(),
  /** The length of the linear warmup (<= 0: none, logged; the cosine starts at count 0 from `peakValue`). */
  warmupSteps: num(),
  /** The length of the whole schedule, warmup included: the cosine runs over `decaySteps - warmupSteps` (> 0) counts. */
  decaySteps: num(),
  /** The value from `decaySteps` on (`peakValue * alpha` with `alpha = endValue / peakValue`; 0 when `peakValue` is 0). */
  endValue: withDefault(num(), 0),
  /** The power of the cosine factor. */
  exponent: withDefault(num(), 1),
});

export type WarmupCosineDecayParameters = OptionsOf<ReturnType<typeof warmupCosineDecayOptions>>;

/**
 * optax's `join_schedules([linear_schedule(init_value, peak_value, warmup_steps), cosine_decay_schedule(
 * peak_value, decay_steps - warmup_steps, alpha, exponent)], [warmup_steps])`, joined by the core's `sequence`.
 */
export function warmupCosineDecayForm(o: WarmupCosineDecayParameters, ctx: Pick<BuildContext, "fail" | "warn" | "groups">): CompleteForm {
  const { initValue, peakValue, warmupSteps, decaySteps, endValue, exponent } = o;
  const alpha = peakValue === 0 ? 0 : endValue / peakValue;
  const warmup = polynomialForm({ initValue, endValue: peakValue, power: 1, transitionSteps: warmupSteps, transitionBegin: 0 }, ctx);
  const cosineSteps = decaySteps - warmupSteps;
  if (!(cosineSteps > 0)) {
    return ctx.fail("decaySteps", decaySteps, `greater than warmup_steps (${warmupSteps}): the cosine part runs over decay_steps - warmup_steps counts, and optax's cosine_decay_schedule requires a positive number of them`);
  }
  const cosine = cosineDecayForm({ initValue: peakValue, decaySteps: cosineSteps, alpha, exponent });
  return sequence([{ form: warmup }, { form: cosine }], [warmupSteps], ctx.groups.length);
}

/**
 * optax's `warmup_cosine_decay_schedule`: linear from `init_value` to `peak_value` over `warmup_steps`,
 * then a cosine down to `end_value` at `decay_steps` (which includes the warmup), then `end_value`.
 * @example
 * const scheduler = new OptaxWarmupCosineDecaySchedule(optimizer, { initValue: 0, peakValue: 1e-3, warmupSteps: 500, decaySteps: 6000, endValue: 1e-5 });
 */
export const OptaxWarmupCosineDecaySchedule = /* @__PURE__ */ defineOptaxSchedule({
  type: "warmup_cosine_decay_schedule",
  options: warmupCosineDecayOptions,
  build: (o, ctx) => warmupCosineDecayForm(o, ctx),
});

export type OptaxWarmupCosineDecaySchedule = InstanceType<typeof OptaxWarmupCosineDecaySchedule>;
export type OptaxWarmupCosineDecayScheduleOptions = SchedulerOptions<typeof OptaxWarmupCosineDecaySchedule>;

/**
 * `optax.warmup_cosine_decay_schedule(...)` on an optimizer.
 * @example
 * const scheduler = warmupCosineDecaySchedule(optimizer, { initValue: 0, peakValue: 1e-3, warmupSteps: 500, decaySteps: 10_000, endValue: 1e-5 });
 */
export function warmupCosineDecaySchedule(optimizer: Optimizer, options: OptaxWarmupCosineDecayScheduleOptions): OptaxWarmupCosineDecaySchedule {
  return new OptaxWarmupCosineDecaySchedule(optimizer, options);
}
