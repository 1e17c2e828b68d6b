// The extensions: what no reference library gives cleanly, built on the core's combinators.
import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { EpochUnits } from "./epoch-units.js";
import { PerGroupScheduler } from "./per-group-scheduler.js";
import { WithWarmup } from "./with-warmup.js";
import { WithPlateau } from "./with-plateau.js";

export { WithWarmup, withWarmup, type WithWarmupOptions, type WarmupMode } from "./with-warmup.js";
export { PerGroupScheduler, type PerGroupSchedulerOptions } from "./per-group-scheduler.js";
export { EpochUnits, inEpochs, type EpochUnitsOptions, type PastEnd } from "./epoch-units.js";
export { WithPlateau, withPlateau, type WithPlateauOptions } from "./with-plateau.js";

/** The extensions' entries for createScheduler. */
export const extensionsFactories = (): SchedulerFactory[] => [WithWarmup, PerGroupScheduler, EpochUnits, WithPlateau].map((cls) => classFactory(cls));
