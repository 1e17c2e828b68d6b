// Public exports of the deepspeed family.
export { DeepSpeedScheduler, deepspeedCommonOptions, type DeepSpeedCommonOptions } from "./base.js";
export { LRRangeTest, type LRRangeTestOptions } from "./lr-range-test.js";
export { OneCycle, type OneCycleOptions, type MomentumTarget } from "./one-cycle.js";
export { WarmupLR, type WarmupLROptions } from "./warmup-lr.js";
export { WarmupDecayLR, type WarmupDecayLROptions } from "./warmup-decay-lr.js";
export { WarmupCosineLR, type WarmupCosineLROptions } from "./warmup-cosine-lr.js";
export type { DeepSpeedWarmupOptions, DeepSpeedWarmupType } from "./warmup-base.js";
