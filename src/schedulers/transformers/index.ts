// The Hugging Face transformers family: one schedule per function of transformers' optimization.py,
// the camelCase function that builds it, get_scheduler's name dispatch, and the entries for createScheduler.
import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { ConstantSchedule } from "./constant-schedule.js";
import { ConstantScheduleWithWarmup } from "./constant-schedule-with-warmup.js";
import { CosineScheduleWithWarmup } from "./cosine-schedule-with-warmup.js";
import { CosineWithHardRestartsScheduleWithWarmup } from "./cosine-with-hard-restarts-schedule-with-warmup.js";
import { CosineWithMinLrScheduleWithWarmup } from "./cosine-with-min-lr-schedule-with-warmup.js";
import { CosineWithMinLrScheduleWithWarmupLrRate } from "./cosine-with-min-lr-schedule-with-warmup-lr-rate.js";
import { getSchedulerFactory } from "./get-scheduler.js";
import { InverseSqrtSchedule } from "./inverse-sqrt-schedule.js";
import { LinearScheduleWithWarmup } from "./linear-schedule-with-warmup.js";
import { PolynomialDecayScheduleWithWarmup } from "./polynomial-decay-schedule-with-warmup.js";
import { ReduceOnPlateauSchedule } from "./reduce-on-plateau-schedule.js";
import { WsdSchedule } from "./wsd-schedule.js";

export { ConstantSchedule, getConstantSchedule, type ConstantScheduleOptions } from "./constant-schedule.js";
export { ConstantScheduleWithWarmup, getConstantScheduleWithWarmup, type ConstantScheduleWithWarmupOptions } from "./constant-schedule-with-warmup.js";
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
export { ReduceOnPlateauSchedule, getReduceOnPlateauSchedule, type ReduceOnPlateauScheduleOptions } from "./reduce-on-plateau-schedule.js";
export { getScheduler, HF_SCHEDULER_TYPES, type HFSchedulerType, type GetSchedulerOptions } from "./get-scheduler.js";

/** The transformers family's entries for createScheduler, under the Python function names. */
export const transformersFactories = (): SchedulerFactory[] => [
  ...[
    ConstantSchedule,
    ConstantScheduleWithWarmup,
    LinearScheduleWithWarmup,
    CosineScheduleWithWarmup,
    CosineWithHardRestartsScheduleWithWarmup,
    PolynomialDecayScheduleWithWarmup,
    InverseSqrtSchedule,
    CosineWithMinLrScheduleWithWarmup,
    CosineWithMinLrScheduleWithWarmupLrRate,
    WsdSchedule,
    ReduceOnPlateauSchedule,
  ].map((cls) => classFactory(cls)),
  getSchedulerFactory,
];
