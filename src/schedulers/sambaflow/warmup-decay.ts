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

export const warmupDecaySchema = {
  ...runLengthSchema,
  warmupSteps: nonNegativeInt(),
  maxSteps: positiveInt(),
  endLrRatio: z.optional(numberIn(0, 1)),
};

/** The decay's progress, from 0 at the end of warmup to 1 at `max_steps`, held at 1 afterwards. */
export function decayProgress(t: number, warmupSteps: number, maxSteps: number): number {
  return Math.min(1, (t - warmupSteps) / Math.max(1, maxSteps - warmupSteps));
}
