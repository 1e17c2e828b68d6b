import { classFactory, type SchedulerFactory } from "../../core/registry.js";
import { ChainedScheduler } from "./chained-scheduler.js";
import { SequentialLR } from "./sequential-lr.js";
import { StepLR } from "./step-lr.js";
import { LambdaLR } from "./lambda-lr.js";
import { MultiplicativeLR } from "./multiplicative-lr.js";
import { MultiStepLR } from "./multi-step-lr.js";
import { ConstantLR } from "./constant-lr.js";
import { LinearLR } from "./linear-lr.js";
import { ExponentialLR } from "./exponential-lr.js";
import { PolynomialLR } from "./polynomial-lr.js";
import { CosineAnnealingLR } from "./cosine-annealing-lr.js";
import { CosineAnnealingWarmRestarts } from "./cosine-annealing-warm-restarts.js";
import { CyclicLR } from "./cyclic-lr.js";
import { OneCycleLR } from "./one-cycle-lr.js";
import { ReduceLROnPlateau } from "./reduce-lr-on-plateau.js";

/** The PyTorch family's entries for createScheduler. */
export const torchFactories = (): SchedulerFactory[] => [classFactory(StepLR), classFactory(LambdaLR), classFactory(MultiplicativeLR), classFactory(MultiStepLR), classFactory(ConstantLR), classFactory(LinearLR), classFactory(ExponentialLR), classFactory(PolynomialLR), classFactory(CosineAnnealingLR), classFactory(CosineAnnealingWarmRestarts), classFactory(CyclicLR), classFactory(OneCycleLR), classFactory(ReduceLROnPlateau), classFactory(SequentialLR), classFactory(ChainedScheduler)];
