import type { Optimizer } from "../../core/optimizer.js";
import { num, positiveInt, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { SambaFlowSchedule, runLengthSchema, type RunLengthOptions } from "./run-length.js";

export interface SambaFlowStepScheduleOptions extends RunLengthOptions {
  /** `--decay_steps`: the lr is multiplied by `decayGamma` every this many steps. Default 100. */
  decaySteps?: number;
  /** `--decay_gamma`: the factor applied every `decaySteps`. Default 0.5. */
  decayGamma?: number;
}

/**
 * The step schedule of SambaFlow's custom-scheduler example (`--lr_schedule step_schedule`):
 * `decay_gamma ** floor(step / decay_steps)` times the group's lr.
 * @example
 * const scheduler = new SambaFlowStepSchedule(optimizer, { decaySteps: 100, decayGamma: 0.5 });
 */
export class SambaFlowStepSchedule extends SambaFlowSchedule<SambaFlowStepScheduleOptions> {
  static readonly schedulerType = "step_schedule";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({
    ...runLengthSchema,
    decaySteps: z.optional(positiveInt()),
    decayGamma: z.optional(num()),
  }));

  constructor(optimizer: Optimizer, options: SambaFlowStepScheduleOptions = {}) {
    super(optimizer, options);
  }

  protected factor(t: number): number {
    const { decaySteps = 100, decayGamma = 0.5 } = this.options;
    return decayGamma ** Math.floor(t / decaySteps);
  }
}
