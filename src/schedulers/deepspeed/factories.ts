import type { SchedulerFactory } from "../../core/registry.js";

/** The deepspeed family's entries for createScheduler. */
export const deepspeedFactories: SchedulerFactory[] = [];
