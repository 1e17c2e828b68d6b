export * from "./core/errors.js";
export type { Optimizer, ParamGroup } from "./core/optimizer.js";
export {
  LRScheduler,
  checkOptimizer,
  type SchedulerClass,
  type RestoredState,
  type ConfigPolicy,
  type LoadStateDictOptions,
} from "./core/scheduler.js";
export { STATE_FORMAT, STATE_VERSION, StateReader, type SchedulerStateDict } from "./core/state.js";
export { encodeNumber, decodeNumber, type JsonNumber } from "./core/json.js";
export { onWarning, emitWarning, type SchedulerWarning, type WarningHandler } from "./core/warnings.js";
export { parseOptions, expandPerGroup, toSnakeCase, type OptionsSchema } from "./core/options.js";
export { schema } from "./core/schema-object.js";
export {
  registerScheduler,
  unregisterScheduler,
  classFactory,
  type SchedulerConfig,
  type SchedulerFactory,
  type BuildScheduler,
} from "./core/registry.js";
export { createScheduler, knownSchedulerTypes } from "./create-scheduler.js";
export { CompositeScheduler, schedulerInstance, schedulerList } from "./core/composite.js";
export { simulate, MAX_SIMULATED_STEPS, type SimulateOptions, type Simulation, type SimulatedGroup } from "./core/simulate.js";
export * from "./schedulers/torch/index.js";
export * from "./schedulers/deepspeed/index.js";
export * from "./schedulers/megatron/index.js";
export * from "./schedulers/bionemo/index.js";
export * from "./schedulers/transformers/index.js";
export * from "./schedulers/sambaflow/index.js";
export * from "./schedulers/extensions/index.js";
