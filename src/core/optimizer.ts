/**
 * The optimizer contract: any object with `paramGroups` is an optimizer. Schedulers read each
 * group's hyper-parameters and write the scheduled values back into the same objects.
 */

/** One parameter group. Keys are camelCase; unknown keys are kept and ignored. */
export interface ParamGroup {
  /** The learning rate the optimizer uses for this group; schedulers write it. */
  lr: number;
  /** SGD/RMSprop momentum; cycled by CyclicLR, OneCycleLR, DeepSpeed's OneCycle. */
  momentum?: number;
  /** Adam-style `[beta1, beta2]`; `betas[0]` is cycled in place where momentum cycling meets Adam. */
  betas?: number[];
  /** Weight decay; written by Megatron's OptimizerParamScheduler. */
  weightDecay?: number;
  /** PyTorch's `initial_lr`: the lr a schedule starts from, set on first construction and kept across restarts. */
  initialLr?: number;
  /** Megatron per-group override of the peak lr. */
  maxLr?: number;
  /** Megatron per-group override of the floor lr. */
  minLr?: number;
  /** Megatron weight-decay multiplier (`wd_mult`), default 1. */
  wdMult?: number;
  /** Megatron per-group override of the start weight decay. */
  startWd?: number;
  /** Megatron per-group override of the end weight decay. */
  endWd?: number;
  [key: string]: unknown;
}

/** Anything with parameter groups. `defaults` (the optimizer's constructor keywords) is read where a reference reads it. */
export interface Optimizer {
  paramGroups: ParamGroup[];
  defaults?: Record<string, unknown>;
}
