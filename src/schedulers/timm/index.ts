// The timm family (pytorch-image-models' timm.scheduler): its public classes, create_scheduler_v2, and its entries for createScheduler.
import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { CosineLRScheduler } from "./cosine-lr.js";
import { MultiStepLRScheduler } from "./multistep-lr.js";
import { PlateauLRScheduler } from "./plateau-lr.js";
import { PolyLRScheduler } from "./poly-lr.js";
import { createSchedulerV2, createSchedulerV2Factory } from "./scheduler-factory.js";
import { StepLRScheduler } from "./step-lr.js";
import { TanhLRScheduler } from "./tanh-lr.js";

export { CosineLRScheduler, TanhLRScheduler, StepLRScheduler, MultiStepLRScheduler, PlateauLRScheduler, PolyLRScheduler, createSchedulerV2 };
export type { CosineLRSchedulerOptions } from "./cosine-lr.js";
export type { TanhLRSchedulerOptions } from "./tanh-lr.js";
export type { StepLRSchedulerOptions } from "./step-lr.js";
export type { MultiStepLRSchedulerOptions } from "./multistep-lr.js";
export type { PlateauLRSchedulerOptions } from "./plateau-lr.js";
export type { PolyLRSchedulerOptions } from "./poly-lr.js";
export type { CreateSchedulerV2Options, TimmSchedulerInstance } from "./scheduler-factory.js";
export type { TimmScheduler } from "./base.js";

/** The timm family's entries for createScheduler: the six classes and `create_scheduler_v2`. */
export const timmFactories = (): SchedulerFactory[] => [
  ...[CosineLRScheduler, TanhLRScheduler, StepLRScheduler, MultiStepLRScheduler, PlateauLRScheduler, PolyLRScheduler].map((cls) => classFactory(cls)),
  createSchedulerV2Factory,
];
