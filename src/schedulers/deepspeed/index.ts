// The DeepSpeed family (deepspeed.runtime.lr_schedules): its public classes and its entries for createScheduler.
import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { LRRangeTest } from "./lr-range-test.js";
import { OneCycle } from "./one-cycle.js";
import { WarmupCosineLR } from "./warmup-cosine-lr.js";
import { WarmupDecayLR } from "./warmup-decay-lr.js";
import { WarmupLR } from "./warmup-lr.js";

export { LRRangeTest, OneCycle, WarmupLR, WarmupDecayLR, WarmupCosineLR };
export type { LRRangeTestOptions } from "./lr-range-test.js";
export type { OneCycleOptions, MomentumTarget } from "./one-cycle.js";
export type { WarmupLROptions } from "./warmup-lr.js";
export type { WarmupDecayLROptions } from "./warmup-decay-lr.js";
export type { WarmupCosineLROptions } from "./warmup-cosine-lr.js";
export type { DeepSpeedWarmupType } from "./common.js";

/** The DeepSpeed family's entries for createScheduler. */
export const deepspeedFactories = (): SchedulerFactory[] => [
  classFactory(LRRangeTest),
  classFactory(OneCycle),
  classFactory(WarmupLR),
  classFactory(WarmupDecayLR),
  classFactory(WarmupCosineLR),
];
