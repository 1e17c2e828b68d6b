// The PyTorch family: its public classes and its entries for createScheduler.
import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { ReduceLROnPlateau } from "./reduce-lr-on-plateau.js";
import { StepLR } from "./step-lr.js";
import { SequentialLR } from "./sequential-lr.js";
import { ChainedScheduler } from "./chained-scheduler.js";

export { ReduceLROnPlateau, StepLR, SequentialLR, ChainedScheduler };
export type { SequentialLROptions } from "./sequential-lr.js";
export type { ChainedSchedulerOptions } from "./chained-scheduler.js";

/** The PyTorch family's entries for createScheduler. */
export const torchFactories = (): SchedulerFactory[] => [StepLR, ReduceLROnPlateau, SequentialLR, ChainedScheduler].map((cls) => classFactory(cls));
