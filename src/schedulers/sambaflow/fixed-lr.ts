import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import { SambaFlowSchedule, runLengthSchema, type RunLengthOptions } from "./run-length.js";

export type SambaFlowFixedLROptions = RunLengthOptions;

/**
 * SambaFlow's `fixed_lr`: no schedule, every group keeps its `--learning_rate`. `max_steps` and
 * `steps_this_run` only say how long the run trains.
 * @example
 * const scheduler = new SambaFlowFixedLR(optimizer, { maxSteps: 1000 });
 */
export class SambaFlowFixedLR extends SambaFlowSchedule<SambaFlowFixedLROptions> {
  static readonly schedulerType = "fixed_lr";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(runLengthSchema);

  constructor(optimizer: Optimizer, options: SambaFlowFixedLROptions = {}) {
    super(optimizer, options);
  }

  protected factor(): number {
    return 1;
  }
}
