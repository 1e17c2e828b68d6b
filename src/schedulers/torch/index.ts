// The PyTorch family: its public classes and its entries for createScheduler.
import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { ReduceLROnPlateau } from "./reduce-lr-on-plateau.js";
import { StepLR } from "./step-lr.js";

export { ReduceLROnPlateau, StepLR };

/** The PyTorch family's entries for createScheduler. */
export const torchFactories = (): SchedulerFactory[] => [StepLR, ReduceLROnPlateau].map((cls) => classFactory(cls));
