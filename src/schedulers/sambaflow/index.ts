// The SambaFlow family: its `--lr_schedule` schedules and their entries for createScheduler.
import type { AnyScheduleClass } from "../../core/define.js";
import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { SambaFlowCosineScheduleWithWarmup } from "./cosine-schedule-with-warmup.js";
import { SambaFlowFixedLR } from "./fixed-lr.js";
import { SambaFlowPolynomialDecayScheduleWithWarmup } from "./polynomial-decay-schedule-with-warmup.js";
import { SambaFlowStepSchedule } from "./step-schedule.js";

export { SambaFlowCosineScheduleWithWarmup, type SambaFlowCosineScheduleWithWarmupOptions } from "./cosine-schedule-with-warmup.js";
export {
  SambaFlowPolynomialDecayScheduleWithWarmup,
  type SambaFlowPolynomialDecayScheduleWithWarmupOptions,
} from "./polynomial-decay-schedule-with-warmup.js";
export { SambaFlowFixedLR, type SambaFlowFixedLROptions } from "./fixed-lr.js";
export { SambaFlowStepSchedule, type SambaFlowStepScheduleOptions } from "./step-schedule.js";

/** The sambaflow family's entries for createScheduler, under SambaFlow's `--lr_schedule` names. */
export const sambaflowFactories = (): SchedulerFactory[] =>
  // Each class is a defined schedule with a `stepsThisRun` getter; AnyScheduleClass compares an inherited constructor's options strictly.
  [SambaFlowCosineScheduleWithWarmup, SambaFlowPolynomialDecayScheduleWithWarmup, SambaFlowFixedLR, SambaFlowStepSchedule].map((cls) => classFactory(cls as AnyScheduleClass));
