// The Keras family (Keras 3's `keras.optimizers.schedules` and `keras.callbacks.ReduceLROnPlateau`): its public classes and its entries for createScheduler.
import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { CosineDecay } from "./cosine-decay.js";
import { CosineDecayRestarts } from "./cosine-decay-restarts.js";
import { ExponentialDecay } from "./exponential-decay.js";
import { InverseTimeDecay } from "./inverse-time-decay.js";
import { PiecewiseConstantDecay } from "./piecewise-constant-decay.js";
import { PolynomialDecay } from "./polynomial-decay.js";
import { KerasReduceLROnPlateau } from "./reduce-lr-on-plateau.js";

export { CosineDecay, CosineDecayRestarts, ExponentialDecay, InverseTimeDecay, PiecewiseConstantDecay, PolynomialDecay, KerasReduceLROnPlateau };
export type { CosineDecayOptions } from "./cosine-decay.js";
export type { CosineDecayRestartsOptions } from "./cosine-decay-restarts.js";
export type { ExponentialDecayOptions } from "./exponential-decay.js";
export type { InverseTimeDecayOptions } from "./inverse-time-decay.js";
export type { PiecewiseConstantDecayOptions } from "./piecewise-constant-decay.js";
export type { PolynomialDecayOptions } from "./polynomial-decay.js";
export type { KerasReduceLROnPlateauOptions } from "./reduce-lr-on-plateau.js";
export { serializeKerasSchedule, type KerasConfig, type KerasConfigValue, type KerasSchedule, type KerasSerialized } from "./keras-schedule.js";

/** The Keras family's entries for createScheduler (`"keras.ReduceLROnPlateau"` keeps its prefix: the bare name is PyTorch's). */
export const kerasFactories = (): SchedulerFactory[] => [
  classFactory(ExponentialDecay),
  classFactory(PiecewiseConstantDecay),
  classFactory(PolynomialDecay),
  classFactory(InverseTimeDecay),
  classFactory(CosineDecay),
  classFactory(CosineDecayRestarts),
  classFactory(KerasReduceLROnPlateau),
];
