import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { stepsThisRunOf, stepsThisRunOption, warmupDecayOptions, warmupThenDecay } from "./run-length.js";

/**
 * SambaFlow's `polynomial_decay_schedule_with_warmup`, linear despite its name: a linear warmup from
 * 0 over `warmup_steps`, then a straight line from the peak down to `end_lr_ratio * peak` at
 * `max_steps`, held there afterwards: `r + (1 - r) * (1 - p)`.
 * @example
 * const scheduler = new SambaFlowPolynomialDecayScheduleWithWarmup(optimizer, { warmupSteps: 50, maxSteps: 500 });
 */
export class SambaFlowPolynomialDecayScheduleWithWarmup extends /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: "polynomial_decay_schedule_with_warmup",
    family: "sambaflow",
    options: () => ({ ...warmupDecayOptions(0.0), ...stepsThisRunOption() }),
    factor: ({ warmupSteps, maxSteps, endLrRatio: r }) => {
      const span = 1 - r;
      return warmupThenDecay(warmupSteps, maxSteps, (p) => r + span * (1 - p));
    },
  }),
) {
  /** How many steps the training loop should run: `steps_this_run`, else `max_steps`. The schedule does not depend on it. */
  get stepsThisRun(): number | undefined {
    return stepsThisRunOf(this.options);
  }
}
export type SambaFlowPolynomialDecayScheduleWithWarmupOptions = SchedulerOptions<typeof SambaFlowPolynomialDecayScheduleWithWarmup>;
