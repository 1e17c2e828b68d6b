import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { WarmupAnnealDecayHold } from "./warmup-anneal-decay-hold.js";

/** The bionemo family's entries for createScheduler. */
export const bionemoFactories = (): SchedulerFactory[] => [classFactory(WarmupAnnealDecayHold)];
