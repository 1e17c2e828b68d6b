/**
 * `lr-schedulers/tfjs`: drive TensorFlow.js optimizers with this library's schedulers.
 * Needs `@tensorflow/tfjs` (an optional peer dependency); the main entry never imports it.
 */
export { tfjsOptimizer, TFJS_OPTIMIZER_KINDS, type TfjsOptimizer, type TfjsOptimizerKind, type TfjsOptimizerLike, type TfjsOptimizerOptions } from "./tfjs/optimizer.js";
export { lrSchedulerCallback, type LRSchedulerCallback, type LRSchedulerCallbackOptions, type TfjsLogs } from "./tfjs/callback.js";
