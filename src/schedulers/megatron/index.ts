// The Megatron-LM family: its public classes and helpers, and its entries for createScheduler.
import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { OptimizerParamScheduler } from "./optimizer-param-scheduler.js";

export { OptimizerParamScheduler };
export type { OptimizerParamSchedulerOptions } from "./optimizer-param-scheduler.js";
export { LR_DECAY_STYLES, LR_WSD_DECAY_STYLES, type LrDecayStyle, type LrWsdDecayStyle } from "./lr-schedule.js";
export { WD_INCR_STYLES, type WdIncrStyle } from "./weight-decay.js";
export { paramGroupOverrideToKey, combineParamGroupOverrides, type ParamGroupOverride } from "./param-group-override.js";

/** The Megatron family's entries for createScheduler. */
export const megatronFactories = (): SchedulerFactory[] => [classFactory(OptimizerParamScheduler)];
