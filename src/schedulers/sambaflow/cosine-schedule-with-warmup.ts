import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { num, withDefault } from "../../core/schema.js";
import { factorSchedule } from "../shared/factor-schedule.js";
import { stepsThisRunOf, stepsThisRunOption, warmupDecayOptions, warmupThenDecay } from "./run-length.js";

/**
 * SambaFlow's `cosine_schedule_with_warmup`: a linear warmup from 0 over `warmup_steps`, then a
 * cosine from the peak down to `end_lr_ratio * peak` at `max_steps`, held there afterwards:
 * `r + (1 - r) * 0.5 * (1 + cos(pi * 2 * num_cycles * p))` with `p = min(1, (step - W) / max(1, T - W))`.
 * @example
 * const scheduler = new SambaFlowCosineScheduleWithWarmup(optimizer, { warmupSteps: 100, maxSteps: 1000 });
 */
export class SambaFlowCosineScheduleWithWarmup extends /* @__PURE__ */ defineSchedule(
  /* @__PURE__ */ factorSchedule({
    type: "cosine_schedule_with_warmup",
    family: "sambaflow",
    options: () => ({
      ...warmupDecayOptions(0.1),
      /** Waves of the cosine; 0.5 (what SambaFlow passes) is one half cosine down. */
      numCycles: withDefault(num(), 0.5),
      ...stepsThisRunOption(),
    }),
    factor: ({ warmupSteps, maxSteps, endLrRatio: r, numCycles }) => {
      // Both products are left-associated in the formula, so folding them here changes no bit.
      const halfSpan = (1 - r) * 0.5;
      const angle = Math.PI * 2 * numCycles;
      return warmupThenDecay(warmupSteps, maxSteps, (p) => r + halfSpan * (1 + Math.cos(angle * p)));
    },
  }),
) {
  /** How many steps the training loop should run: `steps_this_run`, else `max_steps`. The schedule does not depend on it. */
  get stepsThisRun(): number | undefined {
    return stepsThisRunOf(this.options);
  }
}
export type SambaFlowCosineScheduleWithWarmupOptions = SchedulerOptions<typeof SambaFlowCosineScheduleWithWarmup>;
