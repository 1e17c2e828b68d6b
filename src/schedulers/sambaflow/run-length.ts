/**
 * What the SambaFlow schedules share: SambaFlow's `--max_steps` sets the schedule's length and, unless
 * `--steps_this_run` is given, also how many steps the run trains. The schedule never reads
 * `steps_this_run`; each class's `stepsThisRun` getter exposes it for the training loop.
 */
import * as z from "zod/mini";
import { nonNegativeInt, numberIn, positiveInt, withDefault } from "../../core/schema.js";

/** `--steps_this_run`: how many steps this run trains (it may stop before `maxSteps`). The schedule ignores it. */
export const stepsThisRunOption = () => ({ stepsThisRun: z.optional(positiveInt()) });

/** `--max_steps` and `--steps_this_run` for the schedules whose lr does not depend on the run's length. */
export const runLengthOptions = () => ({
  /** `--max_steps`: the run's length, unless `stepsThisRun` says otherwise. */
  maxSteps: z.optional(positiveInt()),
  ...stepsThisRunOption(),
});

/** The two warmup schedules' options; `end_lr_ratio`'s default differs between them. */
export const warmupDecayOptions = (endLrRatio: number) => ({
  /** `--warmup_steps`: steps of the linear warmup from 0 to the group's lr; 0 for none. */
  warmupSteps: nonNegativeInt(),
  /** `--max_steps`: the decay ends here and holds at `endLrRatio` afterwards. */
  maxSteps: positiveInt(),
  /** `--end_lr_ratio`: where the decay ends, as a fraction of the peak lr. */
  endLrRatio: withDefault(numberIn(0, 1), endLrRatio),
});

/** How many steps the training loop should run: `steps_this_run`, else `max_steps` (undefined if neither was given). */
export function stepsThisRunOf(options: { readonly maxSteps?: number; readonly stepsThisRun?: number }): number | undefined {
  return options.stepsThisRun ?? options.maxSteps;
}

/**
 * The warmup and the decay's progress of the two warmup schedules: `t / max(1, W)` while `t < W`,
 * and `p = min(1, (t - W) / max(1, T - W))` after, from 0 at the end of the warmup to 1 at
 * `max_steps`, held at 1 afterwards. `decay(p)` is the factor after the warmup.
 */
export function warmupThenDecay(warmupSteps: number, maxSteps: number, decay: (p: number) => number): (t: number) => number {
  const warmupDivisor = Math.max(1, warmupSteps);
  const decaySteps = Math.max(1, maxSteps - warmupSteps);
  return (t) => (t < warmupSteps ? t / warmupDivisor : decay(Math.min(1, (t - warmupSteps) / decaySteps)));
}
