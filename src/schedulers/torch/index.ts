// Public exports of the PyTorch family.
export { StepLR, type StepLROptions } from "./step-lr.js";
export { LambdaLR, type LambdaLROptions } from "./lambda-lr.js";
export { MultiplicativeLR, type MultiplicativeLROptions } from "./multiplicative-lr.js";
export { MultiStepLR, type MultiStepLROptions } from "./multi-step-lr.js";
export { ConstantLR, type ConstantLROptions } from "./constant-lr.js";
export { LinearLR, type LinearLROptions } from "./linear-lr.js";
export { ExponentialLR, type ExponentialLROptions } from "./exponential-lr.js";
export { PolynomialLR, type PolynomialLROptions } from "./polynomial-lr.js";
export { CosineAnnealingLR, type CosineAnnealingLROptions } from "./cosine-annealing-lr.js";
export { CosineAnnealingWarmRestarts, type CosineAnnealingWarmRestartsOptions } from "./cosine-annealing-warm-restarts.js";
export type { LrLambda } from "./lambda-base.js";
export { CyclicLR, type CyclicLROptions } from "./cyclic-lr.js";
export { OneCycleLR, type OneCycleLROptions } from "./one-cycle-lr.js";
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from "./reduce-lr-on-plateau.js";
export { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";
export { SequentialLR, type SequentialLROptions } from "./sequential-lr.js";
export { ChainedScheduler, type ChainedSchedulerOptions } from "./chained-scheduler.js";
