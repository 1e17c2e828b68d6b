// Public exports of the megatron family.
export {
  OptimizerParamScheduler,
  LR_DECAY_STYLES,
  LR_WSD_DECAY_STYLES,
  WD_INCR_STYLES,
  type OptimizerParamSchedulerOptions,
  type LrDecayStyle,
  type LrWsdDecayStyle,
  type WdIncrStyle,
} from "./optimizer-param-scheduler.js";
export { paramGroupOverrideToKey, combineParamGroupOverrides, type ParamGroupOverride } from "./param-group-override.js";
