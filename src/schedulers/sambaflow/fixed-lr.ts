import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { runLengthOptions, stepsThisRunOf } from "./run-length.js";

/**
 * SambaFlow's `fixed_lr`: no schedule, every group keeps its `--learning_rate`. `max_steps` and
 * `steps_this_run` only say how long the run trains.
 * @example
 * const scheduler = new SambaFlowFixedLR(optimizer, { maxSteps: 1000 });
 */
export class SambaFlowFixedLR extends /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: "fixed_lr",
    family: "sambaflow",
    options: runLengthOptions,
    factor: () => () => 1,
  }),
) {
  /** How many steps the training loop should run: `steps_this_run`, else `max_steps` (undefined if neither was given). */
  get stepsThisRun(): number | undefined {
    return stepsThisRunOf(this.options);
  }
}
export type SambaFlowFixedLROptions = SchedulerOptions<typeof SambaFlowFixedLR>;
