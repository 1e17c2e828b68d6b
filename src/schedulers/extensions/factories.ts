import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { EpochUnits } from "./epoch-units.js";
import { PerGroupScheduler } from "./per-group-scheduler.js";
import { WithWarmup } from "./with-warmup.js";

/** The extensions' entries for createScheduler. */
export const extensionsFactories = (): SchedulerFactory[] => [classFactory(WithWarmup), classFactory(PerGroupScheduler), classFactory(EpochUnits)];
