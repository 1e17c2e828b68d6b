/**
 * What the SambaFlow schedules share: SambaFlow's `--max_steps` sets the schedule's length and, unless
 * `--steps_this_run` is given, also how many steps the run trains. The schedule never reads
 * `steps_this_run`; `stepsThisRun` exposes it for the training loop.
 */
import { positiveInt } from "../../core/schema.js";
import * as z from "zod/mini";
import { torchCommonOptions, type TorchCommonOptions } from "../torch/base.js";
import { FactorSchedule } from "../transformers/factor-schedule.js";

export interface RunLengthOptions extends TorchCommonOptions {
  /** `--max_steps`: the steps the decay spans, and the run's length unless `stepsThisRun` says otherwise. */
  maxSteps?: number;
  /** `--steps_this_run`: how many steps this run trains (it may stop before `maxSteps`). The schedule ignores it. */
  stepsThisRun?: number;
}

/** A function, not a record: a top-level spread is code a bundler must keep. */
export const runLengthSchema = () => ({ maxSteps: z.optional(positiveInt()), stepsThisRun: z.optional(positiveInt()), ...torchCommonOptions });

export abstract class SambaFlowSchedule<O extends RunLengthOptions, R = O> extends FactorSchedule<O, R> {
  /** How many steps the training loop should run: `steps_this_run`, else `max_steps` (undefined if neither was given). */
  get stepsThisRun(): number | undefined {
    return this.options.stepsThisRun ?? this.options.maxSteps;
  }
}
