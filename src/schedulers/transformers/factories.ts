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
import { reduceOnPlateauScheduleFactory } from "./reduce-on-plateau-schedule.js";
import { WsdSchedule } from "./wsd-schedule.js";

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
  ].map(classFactory),
  reduceOnPlateauScheduleFactory,
  getSchedulerFactory,
];
