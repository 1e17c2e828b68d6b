// Public exports of the PyTorch family.
export { StepLR, type StepLROptions } from "./step-lr.js";
export { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";
