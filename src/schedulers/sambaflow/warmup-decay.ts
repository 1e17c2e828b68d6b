/** The warmup and decay progress of SambaFlow's two warmup schedules. */
import { nonNegativeInt, numberIn, positiveInt } from "../../core/schema.js";
import * as z from "zod/mini";
import { runLengthSchema, type RunLengthOptions } from "./run-length.js";

export interface WarmupDecayOptions extends RunLengthOptions {
  /** `--warmup_steps`: steps of the linear warmup from 0 to the group's lr; 0 for none. */
  warmupSteps: number;
  /** `--max_steps`: the decay ends here and holds at `endLrRatio` afterwards. */
  maxSteps: number;
  /** `--end_lr_ratio`: where the decay ends, as a fraction of the peak lr. */
  endLrRatio?: number;
}

export const warmupDecaySchema = () => ({
  ...runLengthSchema(),
  warmupSteps: nonNegativeInt(),
  maxSteps: positiveInt(),
  endLrRatio: z.optional(numberIn(0, 1)),
});

/**
 * The constants of the warmup and of the decay's progress, derived once: the warmup is
 * `t / warmupDivisor`, the progress `min(1, (t - warmupSteps) / decaySteps)`, from 0 at the end of
 * warmup to 1 at `max_steps`, held at 1 afterwards.
 */
export interface WarmupDecay {
  warmupSteps: number;
  /** `max(1, warmup_steps)`. */
  warmupDivisor: number;
  /** `max(1, max_steps - warmup_steps)`. */
  decaySteps: number;
}

export function resolveWarmupDecay(options: WarmupDecayOptions): WarmupDecay {
  return {
    warmupSteps: options.warmupSteps,
    warmupDivisor: Math.max(1, options.warmupSteps),
    decaySteps: Math.max(1, options.maxSteps - options.warmupSteps),
  };
}
