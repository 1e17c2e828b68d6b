import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { num, positiveInt, withDefault } from "../../core/schema.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { runLengthOptions, stepsThisRunOf } from "./run-length.js";
import { powerBySteps } from "../shared/power-by-steps.js";

/**
 * The step schedule of SambaFlow's custom-scheduler example (`--lr_schedule step_schedule`):
 * `decay_gamma ** floor(step / decay_steps)` times the group's lr.
 * @example
 * const scheduler = new SambaFlowStepSchedule(optimizer, { decaySteps: 100, decayGamma: 0.5 });
 */
export class SambaFlowStepSchedule extends /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: "step_schedule",
    family: "sambaflow",
    options: () => ({
      /** `--decay_steps`: the lr is multiplied by `decayGamma` every this many steps. */
      decaySteps: withDefault(positiveInt(), 100),
      /** `--decay_gamma`: the factor applied every `decaySteps`. */
      decayGamma: withDefault(num(), 0.5),
      ...runLengthOptions(),
    }),
    factor: ({ decaySteps, decayGamma }) => {
      const power = powerBySteps(decayGamma); // decayGamma ** k, recomputed when k changes
      return (t) => power(Math.floor(t / decaySteps));
    },
  }),
) {
  /** How many steps the training loop should run: `steps_this_run`, else `max_steps` (undefined if neither was given). */
  get stepsThisRun(): number | undefined {
    return stepsThisRunOf(this.options);
  }
}
export type SambaFlowStepScheduleOptions = SchedulerOptions<typeof SambaFlowStepSchedule>;
