// Public exports of the SambaFlow family.
export {
  SambaFlowCosineScheduleWithWarmup,
  type SambaFlowCosineScheduleWithWarmupOptions,
} from "./cosine-schedule-with-warmup.js";
export {
  SambaFlowPolynomialDecayScheduleWithWarmup,
  type SambaFlowPolynomialDecayScheduleWithWarmupOptions,
} from "./polynomial-decay-schedule-with-warmup.js";
export { SambaFlowFixedLR, type SambaFlowFixedLROptions } from "./fixed-lr.js";
export { SambaFlowStepSchedule, type SambaFlowStepScheduleOptions } from "./step-schedule.js";
export { SambaFlowSchedule, type RunLengthOptions } from "./run-length.js";
