/**
 * `lr-schedulers/tfjs`: drive TensorFlow.js optimizers with this library's schedulers.
 * Needs `@tensorflow/tfjs` (an optional peer dependency); the main entry never imports it.
 */
export { tfjsOptimizer, TFJS_OPTIMIZER_KINDS, type TfjsOptimizer, type TfjsOptimizerKind, type TfjsOptimizerLike, type TfjsOptimizerOptions } from "./tfjs/optimizer.js";
export { scheduleOptimizer, type ScheduledOptimizer } from "./tfjs/schedule-optimizer.js";
export { lrSchedulerCallback, type LRSchedulerCallback, type LRSchedulerCallbackOptions, type TfjsLogs } from "./tfjs/callback.js";
export {
  reduceLROnPlateau,
  learningRateScheduler,
  ReduceLROnPlateauCallback,
  LearningRateSchedulerCallback,
  type ReduceLROnPlateauOptions,
  type LearningRateSchedule,
  type UnresolvedLogs,
} from "./tfjs/keras-callbacks.js";
export { saveSchedulerState, restoreSchedulerState, SCHEDULER_METADATA_KEY, type SchedulerStateful, type ModelWithMetadata } from "./tfjs/model-state.js";
