import type { SchedulerFactory } from "../../core/registry.js";

/** The bionemo family's entries for createScheduler. */
export const bionemoFactories: SchedulerFactory[] = [];
