/**
 * Momentum cycling shared by CyclicLR and OneCycleLR: the momentum moves inversely to the lr,
 * written into `momentum` (SGD, RMSprop) or, in place, into `betas[0]` (Adam-style optimizers).
 */
import { InvalidOptimizerError, InvalidOptionError } from "../../core/errors.js";
import type { Optimizer, ParamGroup } from "../../core/optimizer.js";
import { expandPerGroup } from "../../core/options.js";

/** The group value that cycles. */
export type MomentumTarget = "momentum" | "beta1";

/** Resolved momentum settings: where it goes and each group's bounds. */
export interface MomentumCycling {
  target: MomentumTarget;
  baseMomentums: number[];
  maxMomentums: number[];
}

/**
 * PyTorch decides from `optimizer.defaults`: `betas` there means beta1, else `momentum`, else an error.
 * Our `defaults` is optional; without it every group must carry `betas` (beta1) or a numeric `momentum`.
 */
function momentumTarget(optimizer: Optimizer, schedulerType: string): MomentumTarget {
  const defaults = optimizer.defaults;
  let target: MomentumTarget | undefined;
  if (defaults !== undefined) {
    if ("betas" in defaults) target = "beta1";
    else if ("momentum" in defaults) target = "momentum";
  } else if (optimizer.paramGroups.every((g) => Array.isArray(g.betas))) target = "beta1";
  else if (optimizer.paramGroups.every((g) => typeof g.momentum === "number")) target = "momentum";
  if (target === undefined) {
    throw new InvalidOptionError(schedulerType, "cycle_momentum", true, "false for an optimizer without momentum or betas");
  }
  if (target === "beta1") {
    optimizer.paramGroups.forEach((g, i) => {
      if (!Array.isArray(g.betas) || g.betas.length === 0) {
        throw new InvalidOptimizerError(schedulerType, `paramGroups[${i}].betas`, g.betas, "a list [beta1, beta2] (the optimizer's defaults have betas)");
      }
    });
  }
  return target;
}

/** Validates and expands the momentum options. Pure. @throws InvalidOptionError, InvalidOptimizerError */
export function resolveMomentumCycling(
  optimizer: Optimizer,
  schedulerType: string,
  baseMomentum: number | number[],
  maxMomentum: number | number[],
): MomentumCycling {
  const target = momentumTarget(optimizer, schedulerType);
  const groups = optimizer.paramGroups.length;
  return {
    target,
    baseMomentums: expandPerGroup(baseMomentum, groups, schedulerType, "base_momentum"),
    maxMomentums: expandPerGroup(maxMomentum, groups, schedulerType, "max_momentum"),
  };
}

/** Writes one group's momentum (betas[0] in place, so that a step allocates nothing). */
export function writeMomentum(group: ParamGroup, target: MomentumTarget, value: number): void {
  if (target === "beta1") group.betas![0] = value;
  else group.momentum = value;
}

/** Construction of a new schedule (last_epoch -1): every group starts at its max momentum and records both bounds. */
export function startMomentumCycle(optimizer: Optimizer, cycling: MomentumCycling): void {
  optimizer.paramGroups.forEach((g, i) => {
    writeMomentum(g, cycling.target, cycling.maxMomentums[i]!);
    g.maxMomentum = cycling.maxMomentums[i]!;
    g.baseMomentum = cycling.baseMomentums[i]!;
  });
}
