import { sequence } from "../../core/compose.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { LRScheduler } from "../../core/engine.js";
import { nonNegativeInt, numberIn, oneOf, schedulerInstance, withDefault } from "../../core/schema.js";
import { extensionSteps } from "./counter.js";

export type WarmupMode = "linear" | "exponential" | "cosine";

/** The fraction of the base lr at warmup step `t < steps`. */
function warmupFactor(mode: WarmupMode, start: number, steps: number, t: number): number {
  const x = t / steps;
  if (mode === "linear") return start + (1 - start) * x;
  if (mode === "exponential") return start ** (1 - x);
  return start + ((1 - start) * (1 - Math.cos(Math.PI * x))) / 2;
}

/**
 * A warmup in front of any schedule. For step k < warmupSteps the lr is base × factor(k), rising from
 * `warmupStartFactor` to 1: linear `s + (1 − s)·k/W`, exponential `s^(1 − k/W)`, cosine
 * `s + (1 − s)·(1 − cos(πk/W))/2`; from step W on, the inner schedule's value at its step k − W. The
 * warmup and the inner schedule are joined by the same `sequence` combinator as SequentialLR.
 * @example
 * const scheduler = withWarmup(new CosineAnnealingLR(optimizer, { tMax: 1000 }), { steps: 100 });
 */
export const WithWarmup = /* @__PURE__ */ defineSchedule({
  type: "WithWarmup",
  family: "extensions",
  counter: extensionSteps,
  options: () => ({
    /** The schedule that runs after the warmup, on its own clock restarted at its first step. */
    schedule: schedulerInstance(),
    /** Length of the warmup, in steps (0: no warmup). */
    warmupSteps: nonNegativeInt(),
    /** Fraction of the base lr at step 0 (must be > 0 for `"exponential"`). */
    warmupStartFactor: withDefault(numberIn(0, 1), 0),
    /** Shape of the warmup. */
    warmupMode: withDefault(oneOf(["linear", "exponential", "cosine"] as const), "linear"),
  }),
  children: (o) => [o.schedule as LRScheduler],
  childOptions: ["schedule"],
  build({ warmupSteps: steps, warmupStartFactor: start, warmupMode: mode }, { children, groups, fail }) {
    if (mode === "exponential" && start === 0) {
      return fail("warmupStartFactor", start, 'a number in (0, 1] with warmup_mode "exponential" (an exponential ramp cannot start at 0)');
    }
    const inner = children[0]!;
    const bases = inner.baseLrs;
    const warmup = { form: { shape: (t: number) => warmupFactor(mode, start, steps, t), lr: (i: number, s: number) => bases[i]! * s } };
    return { ...sequence([warmup, { form: inner.form, start: inner.start, child: inner.scheduler, name: inner.type }], [steps], groups.length), baseLrs: bases };
  },
});

export type WithWarmup = InstanceType<typeof WithWarmup>;
export type WithWarmupOptions = SchedulerOptions<typeof WithWarmup>;

/**
 * Puts a warmup in front of `scheduler` (built on the same optimizer).
 * @param options `steps`: warmup length; `startFactor`: fraction of the base lr at step 0 (default 0); `mode`: linear (default), exponential or cosine
 * @example
 * const scheduler = withWarmup(new StepLR(optimizer, { stepSize: 30 }), { steps: 5, startFactor: 0.1 });
 */
export function withWarmup(scheduler: LRScheduler, { steps, startFactor, mode }: { steps: number; startFactor?: number; mode?: WarmupMode }): WithWarmup {
  const options: WithWarmupOptions = { schedule: scheduler, warmupSteps: steps };
  if (startFactor !== undefined) options.warmupStartFactor = startFactor;
  if (mode !== undefined) options.warmupMode = mode;
  return new WithWarmup(scheduler.optimizer, options);
}
