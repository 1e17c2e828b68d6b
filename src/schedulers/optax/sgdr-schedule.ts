import * as z from "zod/mini";
import { sequence } from "../../core/compose.js";
import type { SchedulerOptions } from "../../core/define.js";
import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { parseOptions, pythonName } from "../../core/options.js";
import type { BuildContext, CompleteForm } from "../../core/schedule.js";
import { listOf } from "../../core/schema.js";
import { warmupCosineDecayForm, warmupCosineDecayOptions, type OptaxWarmupCosineDecayScheduleOptions } from "./warmup-cosine-decay-schedule.js";
import { defineOptaxSchedule } from "./common.js";

const isKeywords = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Cycle `i`'s keywords, validated as `warmup_cosine_decay_schedule`'s; an error names `cosine_kwargs[i].<key as spelled>`. */
function keywordsOf(kwargs: Record<string, unknown>, i: number, fail: BuildContext["fail"]) {
  try {
    return parseOptions(warmupCosineDecayOptions(), kwargs, "warmup_cosine_decay_schedule");
  } catch (error) {
    if (error instanceof InvalidOptionError) return fail(`cosineKwargs[${i}].${error.option}`, error.value, error.expected);
    throw error;
  }
}

/** Cycle `i`: its form (built by `warmup_cosine_decay_schedule`'s own build function) and its length. */
function cycle(kwargs: Record<string, unknown>, i: number, ctx: BuildContext): { form: CompleteForm; decaySteps: number } {
  const { options, spelled } = keywordsOf(kwargs, i, ctx.fail);
  const at = (key: string) => `cosineKwargs[${i}].${key}`;
  const form = warmupCosineDecayForm(options, {
    groups: ctx.groups,
    warn: ctx.warn,
    fail: (option, value, expected) => ctx.fail(at(spelled[option] ?? pythonName(option)), value, expected),
  });
  return { form, decaySteps: options.decaySteps };
}

/**
 * optax's `sgdr_schedule` (SGD with warm restarts): one `warmup_cosine_decay_schedule(**kwargs)` per
 * element of `cosine_kwargs`, each restarting its own count, joined at the running sums of their
 * `decay_steps` by the core's `sequence`. After the last cycle its end value holds.
 * @example
 * const scheduler = new OptaxSgdrSchedule(optimizer, {
 *   cosineKwargs: [
 *     { initValue: 0, peakValue: 0.1, warmupSteps: 5, decaySteps: 50 },
 *     { initValue: 0, peakValue: 0.05, warmupSteps: 5, decaySteps: 100 },
 *   ],
 * });
 */
export const OptaxSgdrSchedule = /* @__PURE__ */ defineOptaxSchedule({
  type: "sgdr_schedule",
  options: () => ({
    /** The cycles: each the keyword arguments of `warmup_cosine_decay_schedule` (either spelling); its `decaySteps` is the cycle's length. */
    cosineKwargs: listOf(
      z.custom<OptaxWarmupCosineDecayScheduleOptions>(isKeywords),
      "a list of objects, each the keyword arguments of warmup_cosine_decay_schedule",
    ),
  }),
  build({ cosineKwargs }, ctx) {
    if (cosineKwargs.length === 0) {
      return ctx.fail("cosineKwargs", cosineKwargs, "a non-empty list (optax's sgdr_schedule with no cycles raises IndexError at its first evaluation, count 0, which construction performs)");
    }
    const cycles = cosineKwargs.map((kwargs, i) => cycle(kwargs as Record<string, unknown>, i, ctx));
    const boundaries: number[] = [];
    let step = 0;
    for (const { decaySteps } of cycles) boundaries.push((step += decaySteps));
    return sequence(
      cycles.map((c) => ({ form: c.form })),
      boundaries.slice(0, -1),
      ctx.groups.length,
    );
  },
});

export type OptaxSgdrSchedule = InstanceType<typeof OptaxSgdrSchedule>;
export type OptaxSgdrScheduleOptions = SchedulerOptions<typeof OptaxSgdrSchedule>;

/**
 * `optax.sgdr_schedule(cosine_kwargs)` on an optimizer.
 * @example
 * const scheduler = sgdrSchedule(optimizer, {
 *   cosineKwargs: [2000, 3000, 5000].map((decaySteps) => ({ initValue: 0, peakValue: 1.6, warmupSteps: 500, decaySteps })),
 * });
 */
export function sgdrSchedule(optimizer: Optimizer, options: OptaxSgdrScheduleOptions): OptaxSgdrSchedule {
  return new OptaxSgdrSchedule(optimizer, options);
}
