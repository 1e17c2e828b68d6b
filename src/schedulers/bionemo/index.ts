// The BioNeMo family: its public classes and its entries for createScheduler.
import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { WarmupAnnealDecayHold } from "./warmup-anneal-decay-hold.js";

export { WarmupAnnealDecayHold };
export type { WarmupAnnealDecayHoldOptions } from "./warmup-anneal-decay-hold.js";
export {
  WarmupAnnealDecayHoldScheduler,
  type WarmupAnnealDecayHoldSchedulerOptions,
  type WarmupAnnealDecayHoldSchedulerOutput,
} from "./warmup-anneal-decay-hold-scheduler.js";

/** The BioNeMo family's entries for createScheduler. */
export const bionemoFactories = (): SchedulerFactory[] => [classFactory(WarmupAnnealDecayHold)];
