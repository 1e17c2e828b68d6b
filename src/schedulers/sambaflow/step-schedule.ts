import type { Optimizer } from "../../core/optimizer.js";
import { num, positiveInt, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { PowerMemo } from "../power-memo.js";
import { SambaFlowSchedule, runLengthSchema, type RunLengthOptions } from "./run-length.js";

export interface SambaFlowStepScheduleOptions extends RunLengthOptions {
  /** `--decay_steps`: the lr is multiplied by `decayGamma` every this many steps. Default 100. */
  decaySteps?: number;
  /** `--decay_gamma`: the factor applied every `decaySteps`. Default 0.5. */
  decayGamma?: number;
}

interface Resolved {
  decaySteps: number;
  /** `decay_gamma ** k`, recomputed only when k changes. */
  decay: PowerMemo;
}

/**
 * The step schedule of SambaFlow's custom-scheduler example (`--lr_schedule step_schedule`):
 * `decay_gamma ** floor(step / decay_steps)` times the group's lr.
 * @example
 * const scheduler = new SambaFlowStepSchedule(optimizer, { decaySteps: 100, decayGamma: 0.5 });
 */
export class SambaFlowStepSchedule extends SambaFlowSchedule<SambaFlowStepScheduleOptions, Resolved> {
  static readonly schedulerType = "step_schedule";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    ...runLengthSchema(),
    decaySteps: z.optional(positiveInt()),
    decayGamma: z.optional(num()),
  }));

  constructor(optimizer: Optimizer, options: SambaFlowStepScheduleOptions = {}) {
    super(optimizer, options);
  }

  protected override resolve(options: SambaFlowStepScheduleOptions): Resolved {
    return { decaySteps: options.decaySteps ?? 100, decay: new PowerMemo(options.decayGamma ?? 0.5) };
  }

  protected factor(t: number): number {
    const r = this.resolved;
    return r.decay.at(Math.floor(t / r.decaySteps));
  }
}
