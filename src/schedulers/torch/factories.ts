import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { ChainedScheduler } from "./chained-scheduler.js";
import { SequentialLR } from "./sequential-lr.js";
import { StepLR } from "./step-lr.js";

/** The PyTorch family's entries for createScheduler. */
export const torchFactories: SchedulerFactory[] = [classFactory(StepLR), classFactory(SequentialLR), classFactory(ChainedScheduler)];
