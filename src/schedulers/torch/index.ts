// Public exports of the PyTorch family.
export { StepLR, type StepLROptions } from "./step-lr.js";
export { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";
export { SequentialLR, type SequentialLROptions } from "./sequential-lr.js";
export { ChainedScheduler, type ChainedSchedulerOptions } from "./chained-scheduler.js";
export { CompositeScheduler, type CompositeOptions } from "./composite.js";
