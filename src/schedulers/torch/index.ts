// The PyTorch family: its public classes and its entries for createScheduler.
import type { AnyScheduleClass } from "../../core/define.js";
import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { ChainedScheduler } from "./chained-scheduler.js";
import { ConstantLR } from "./constant-lr.js";
import { CosineAnnealingLR } from "./cosine-annealing-lr.js";
import { CosineAnnealingWarmRestarts } from "./cosine-annealing-warm-restarts.js";
import { CyclicLR } from "./cyclic-lr.js";
import { ExponentialLR } from "./exponential-lr.js";
import { LambdaLR } from "./lambda-lr.js";
import { LinearLR } from "./linear-lr.js";
import { MultiStepLR } from "./multi-step-lr.js";
import { MultiplicativeLR } from "./multiplicative-lr.js";
import { OneCycleLR } from "./one-cycle-lr.js";
import { PolynomialLR } from "./polynomial-lr.js";
import { ReduceLROnPlateau } from "./reduce-lr-on-plateau.js";
import { SequentialLR } from "./sequential-lr.js";
import { StepLR } from "./step-lr.js";

export {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  ExponentialLR,
  LambdaLR,
  LinearLR,
  MultiStepLR,
  MultiplicativeLR,
  OneCycleLR,
  PolynomialLR,
  ReduceLROnPlateau,
  SequentialLR,
  StepLR,
};
export type { StepLROptions } from "./step-lr.js";
export type { MultiStepLROptions } from "./multi-step-lr.js";
export type { ConstantLROptions } from "./constant-lr.js";
export type { LinearLROptions } from "./linear-lr.js";
export type { ExponentialLROptions } from "./exponential-lr.js";
export type { PolynomialLROptions } from "./polynomial-lr.js";
export type { CosineAnnealingLROptions } from "./cosine-annealing-lr.js";
export type { CosineAnnealingWarmRestartsOptions } from "./cosine-annealing-warm-restarts.js";
export type { CyclicLROptions } from "./cyclic-lr.js";
export type { OneCycleLROptions } from "./one-cycle-lr.js";
export type { LambdaLROptions } from "./lambda-lr.js";
export type { MultiplicativeLROptions } from "./multiplicative-lr.js";
export type { LrLambda } from "./lambda-options.js";
export type { SequentialLROptions } from "./sequential-lr.js";
export type { ChainedSchedulerOptions } from "./chained-scheduler.js";

/** The PyTorch family's entries for createScheduler. */
export const torchFactories = (): SchedulerFactory[] =>
  [
    StepLR,
    MultiStepLR,
    ConstantLR,
    LinearLR,
    ExponentialLR,
    PolynomialLR,
    CosineAnnealingLR,
    CosineAnnealingWarmRestarts,
    CyclicLR,
    OneCycleLR,
    LambdaLR,
    MultiplicativeLR,
    ReduceLROnPlateau,
    SequentialLR,
    ChainedScheduler,
  ].map((cls) => classFactory(cls as AnyScheduleClass));
