import type { SchedulerFactory } from "../../core/registry.js";

/** The megatron family's entries for createScheduler. */
export const megatronFactories: SchedulerFactory[] = [];
