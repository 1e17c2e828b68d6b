// Public exports of the Hugging Face transformers family: one class per schedule of
// transformers' optimization.py, and the camelCase function that builds it.
export { ConstantSchedule, getConstantSchedule, type ConstantScheduleOptions } from "./constant-schedule.js";
export {
  ConstantScheduleWithWarmup,
  getConstantScheduleWithWarmup,
  type ConstantScheduleWithWarmupOptions,
} from "./constant-schedule-with-warmup.js";
export { LinearScheduleWithWarmup, getLinearScheduleWithWarmup, type LinearScheduleWithWarmupOptions } from "./linear-schedule-with-warmup.js";
export { CosineScheduleWithWarmup, getCosineScheduleWithWarmup, type CosineScheduleWithWarmupOptions } from "./cosine-schedule-with-warmup.js";
export {
  CosineWithHardRestartsScheduleWithWarmup,
  getCosineWithHardRestartsScheduleWithWarmup,
  type CosineWithHardRestartsScheduleWithWarmupOptions,
} from "./cosine-with-hard-restarts-schedule-with-warmup.js";
export {
  PolynomialDecayScheduleWithWarmup,
  getPolynomialDecayScheduleWithWarmup,
  type PolynomialDecayScheduleWithWarmupOptions,
} from "./polynomial-decay-schedule-with-warmup.js";
export { InverseSqrtSchedule, getInverseSqrtSchedule, type InverseSqrtScheduleOptions } from "./inverse-sqrt-schedule.js";
export {
  CosineWithMinLrScheduleWithWarmup,
  getCosineWithMinLrScheduleWithWarmup,
  type CosineWithMinLrScheduleWithWarmupOptions,
} from "./cosine-with-min-lr-schedule-with-warmup.js";
export {
  CosineWithMinLrScheduleWithWarmupLrRate,
  getCosineWithMinLrScheduleWithWarmupLrRate,
  type CosineWithMinLrScheduleWithWarmupLrRateOptions,
} from "./cosine-with-min-lr-schedule-with-warmup-lr-rate.js";
export { WsdSchedule, getWsdSchedule, WSD_CURVES, type WsdCurve, type WsdScheduleOptions } from "./wsd-schedule.js";
export { getReduceOnPlateauSchedule } from "./reduce-on-plateau-schedule.js";
export { getScheduler, HF_SCHEDULER_TYPES, type HFSchedulerType, type GetSchedulerOptions } from "./get-scheduler.js";
export { FactorSchedule } from "./factor-schedule.js";
export type { WarmupOptions, WarmupTrainingOptions, CosineOptions, MinLrOptions } from "./options.js";
