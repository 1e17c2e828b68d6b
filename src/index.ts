// lr-schedulers: the schedulers, createScheduler and simulate. Authoring tools are in lr-schedulers/extend.
export * from "./core/errors.js";
export type { Optimizer, ParamGroup } from "./core/optimizer.js";
export { LRScheduler, type LoadStateDictOptions, type ConfigPolicy } from "./core/engine.js";
export type { ScheduleClass } from "./core/define.js";
export { STATE_FORMAT, STATE_VERSION, type SchedulerStateDict, type JsonValue } from "./core/state.js";
export { encodeNumber, decodeNumber, type JsonNumber } from "./core/json.js";
export { onWarning, type SchedulerWarning, type WarningHandler } from "./core/warnings.js";
export { registerScheduler, unregisterScheduler, type SchedulerConfig, type SchedulerFactory } from "./core/registry.js";
export { createScheduler, knownSchedulerTypes } from "./create-scheduler.js";
export * from "./schedulers/torch/index.js";
export * from "./schedulers/deepspeed/index.js";
export * from "./schedulers/megatron/index.js";
export * from "./schedulers/bionemo/index.js";
export * from "./schedulers/transformers/index.js";
export * from "./schedulers/sambaflow/index.js";
export * from "./schedulers/extensions/index.js";
export * from "./schedulers/keras/index.js";
// timm
export * from "./schedulers/optax/index.js";
export { simulate, MAX_SIMULATED_STEPS, type SimulateOptions, type Simulation, type SimulatedGroup } from "./simulate.js";
export { configSchema } from "./config-schema.js";
