import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { LRRangeTest } from "./lr-range-test.js";
import { OneCycle } from "./one-cycle.js";
import { WarmupCosineLR } from "./warmup-cosine-lr.js";
import { WarmupDecayLR } from "./warmup-decay-lr.js";
import { WarmupLR } from "./warmup-lr.js";

/** The deepspeed family's entries for createScheduler. */
export const deepspeedFactories = (): SchedulerFactory[] => [LRRangeTest, OneCycle, WarmupLR, WarmupDecayLR, WarmupCosineLR].map((cls) => classFactory(cls));
