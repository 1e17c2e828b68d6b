import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { SambaFlowCosineScheduleWithWarmup } from "./cosine-schedule-with-warmup.js";
import { SambaFlowFixedLR } from "./fixed-lr.js";
import { SambaFlowPolynomialDecayScheduleWithWarmup } from "./polynomial-decay-schedule-with-warmup.js";
import { SambaFlowStepSchedule } from "./step-schedule.js";

/** The sambaflow family's entries for createScheduler, under SambaFlow's `--lr_schedule` names. */
export const sambaflowFactories = (): SchedulerFactory[] => [
  SambaFlowCosineScheduleWithWarmup,
  SambaFlowPolynomialDecayScheduleWithWarmup,
  SambaFlowFixedLR,
  SambaFlowStepSchedule,
].map(classFactory);
