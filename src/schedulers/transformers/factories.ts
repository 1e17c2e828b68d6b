import type { SchedulerFactory } from "../../core/registry.js";

/** The transformers family's entries for createScheduler. */
export const transformersFactories: SchedulerFactory[] = [];
