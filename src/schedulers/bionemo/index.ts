// Public exports of the BioNeMo family.
export { WarmupAnnealDecayHold, type WarmupAnnealDecayHoldOptions } from "./warmup-anneal-decay-hold.js";
export {
  WarmupAnnealDecayHoldScheduler,
  type WarmupAnnealDecayHoldSchedulerOptions,
  type WarmupAnnealDecayHoldSchedulerOutput,
} from "./warmup-anneal-decay-hold-scheduler.js";
