// The optax family (`optax.schedules`): a class per schedule function and a camelCase function
// mirroring optax's, and their entries for createScheduler (under the functions' own names).
import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { OptaxConstantSchedule } from "./constant-schedule.js";
import { OptaxCosineDecaySchedule } from "./cosine-decay-schedule.js";
import { OptaxCosineOnecycleSchedule } from "./cosine-onecycle-schedule.js";
import { OptaxExponentialDecay } from "./exponential-decay.js";
import { OptaxJoinSchedules } from "./join-schedules.js";
import { OptaxLinearOnecycleSchedule } from "./linear-onecycle-schedule.js";
import { OptaxLinearSchedule } from "./linear-schedule.js";
import { OptaxPiecewiseConstantSchedule } from "./piecewise-constant-schedule.js";
import { OptaxPiecewiseInterpolateSchedule } from "./piecewise-interpolate-schedule.js";
import { OptaxPolynomialSchedule } from "./polynomial-schedule.js";
import { OptaxSgdrSchedule } from "./sgdr-schedule.js";
import { OptaxWarmupConstantSchedule } from "./warmup-constant-schedule.js";
import { OptaxWarmupCosineDecaySchedule } from "./warmup-cosine-decay-schedule.js";
import { OptaxWarmupExponentialDecaySchedule } from "./warmup-exponential-decay-schedule.js";

export { OptaxConstantSchedule, constantSchedule, type OptaxConstantScheduleOptions } from "./constant-schedule.js";
export { OptaxPolynomialSchedule, polynomialSchedule, type OptaxPolynomialScheduleOptions } from "./polynomial-schedule.js";
export { OptaxLinearSchedule, linearSchedule, type OptaxLinearScheduleOptions } from "./linear-schedule.js";
export { OptaxPiecewiseConstantSchedule, piecewiseConstantSchedule, type OptaxPiecewiseConstantScheduleOptions } from "./piecewise-constant-schedule.js";
export { OptaxExponentialDecay, exponentialDecay, type OptaxExponentialDecayOptions } from "./exponential-decay.js";
export { OptaxCosineDecaySchedule, cosineDecaySchedule, type OptaxCosineDecayScheduleOptions } from "./cosine-decay-schedule.js";
export {
  OptaxPiecewiseInterpolateSchedule,
  piecewiseInterpolateSchedule,
  type OptaxPiecewiseInterpolateScheduleOptions,
  type InterpolateType,
} from "./piecewise-interpolate-schedule.js";
export { OptaxLinearOnecycleSchedule, linearOnecycleSchedule, type OptaxLinearOnecycleScheduleOptions } from "./linear-onecycle-schedule.js";
export { OptaxCosineOnecycleSchedule, cosineOnecycleSchedule, type OptaxCosineOnecycleScheduleOptions } from "./cosine-onecycle-schedule.js";
export { OptaxWarmupConstantSchedule, warmupConstantSchedule, type OptaxWarmupConstantScheduleOptions } from "./warmup-constant-schedule.js";
export { OptaxWarmupCosineDecaySchedule, warmupCosineDecaySchedule, type OptaxWarmupCosineDecayScheduleOptions } from "./warmup-cosine-decay-schedule.js";
export {
  OptaxWarmupExponentialDecaySchedule,
  warmupExponentialDecaySchedule,
  type OptaxWarmupExponentialDecayScheduleOptions,
} from "./warmup-exponential-decay-schedule.js";
export { OptaxSgdrSchedule, sgdrSchedule, type OptaxSgdrScheduleOptions } from "./sgdr-schedule.js";
export { OptaxJoinSchedules, joinSchedules, type OptaxJoinSchedulesOptions } from "./join-schedules.js";
export type { BoundariesAndScales } from "./common.js";

/** The optax family's entries for createScheduler. */
export const optaxFactories = (): SchedulerFactory[] =>
  [
    OptaxConstantSchedule,
    OptaxPolynomialSchedule,
    OptaxLinearSchedule,
    OptaxPiecewiseConstantSchedule,
    OptaxExponentialDecay,
    OptaxCosineDecaySchedule,
    OptaxPiecewiseInterpolateSchedule,
    OptaxLinearOnecycleSchedule,
    OptaxCosineOnecycleSchedule,
    OptaxWarmupConstantSchedule,
    OptaxWarmupCosineDecaySchedule,
    OptaxWarmupExponentialDecaySchedule,
    OptaxSgdrSchedule,
    OptaxJoinSchedules,
  ].map((cls) => classFactory(cls));
