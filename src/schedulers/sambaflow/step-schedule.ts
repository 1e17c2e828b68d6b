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

interface Resolved {
  decaySteps: number;
  decayGamma: number;
  /** The last exponent and `decayGamma ** memoK`: a memo of a pure value, so resume stays exact. */
  memoK: number;
  memoPower: number;
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
    const decayGamma = options.decayGamma ?? 0.5;
    return { decaySteps: options.decaySteps ?? 100, decayGamma, memoK: 0, memoPower: decayGamma ** 0 };
  }

  protected factor(t: number): number {
    const r = this.resolved;
    const k = Math.floor(t / r.decaySteps);
    // k changes once every decaySteps steps: the power is recomputed only then.
    if (k !== r.memoK) {
      r.memoK = k;
      r.memoPower = r.decayGamma ** k;
    }
    return r.memoPower;
  }
}
