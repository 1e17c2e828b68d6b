import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { OptimizerParamScheduler } from "./optimizer-param-scheduler.js";

/** The megatron family's entries for createScheduler. */
export const megatronFactories = (): SchedulerFactory[] => [classFactory(OptimizerParamScheduler)];
