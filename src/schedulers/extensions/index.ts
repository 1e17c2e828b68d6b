// Public exports of the extensions: what no reference library gives cleanly.
export { WithWarmup, withWarmup, type WithWarmupOptions, type WarmupMode } from "./with-warmup.js";
export { PerGroupScheduler, type PerGroupSchedulerOptions } from "./per-group-scheduler.js";
export { EpochUnits, inEpochs, type EpochUnitsOptions, type PastEnd } from "./epoch-units.js";
