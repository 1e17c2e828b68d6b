import type { SchedulerFactory } from "../../core/registry.js";

/** The sambaflow family's entries for createScheduler. */
export const sambaflowFactories: SchedulerFactory[] = [];
