/**
 * Momentum cycling shared by CyclicLR and OneCycleLR: the momentum moves inversely to the lr, written
 * into `momentum` (SGD, RMSprop) or, in place, into `betas[0]` (Adam-style optimizers).
 */
import { InvalidOptimizerError } from "../../core/errors.js";
import { expandPerGroup } from "../../core/options.js";
import type { BuildContext } from "../../core/schedule.js";
import { num, perGroup } from "../../core/schema.js";

/** A momentum bound: one number for every group, or one per group. */
export const momentumBound = () => perGroup(num(), "a finite number");

/**
 * Where the momentum goes. PyTorch decides from `optimizer.defaults`: `betas` there means beta1, else
 * `momentum`, else `cycle_momentum` is refused. `defaults` is optional here: without it every group
 * must carry `betas` (beta1) or a numeric `momentum`.
 * @throws InvalidOptionError naming `cycle_momentum`; InvalidOptimizerError for a group without `betas` when beta1 cycles
 */
export function momentumTarget(type: string, ctx: BuildContext): "momentum" | "beta1" {
  const { defaults, groups } = ctx;
  let target: "momentum" | "beta1" | undefined;
  if (defaults !== undefined) {
    if ("betas" in defaults) target = "beta1";
    else if ("momentum" in defaults) target = "momentum";
  } else if (groups.every((g) => Array.isArray(g.betas))) target = "beta1";
  else if (groups.every((g) => typeof g.momentum === "number")) target = "momentum";
  if (target === undefined) return ctx.fail("cycleMomentum", true, "false for an optimizer without momentum or betas");
  if (target === "beta1") {
    groups.forEach((g, i) => {
      if (!Array.isArray(g.betas) || g.betas.length === 0) {
        throw new InvalidOptimizerError(type, `paramGroups[${i}].betas`, g.betas, "a list [beta1, beta2] (the optimizer's defaults have betas)");
      }
    });
  }
  return target;
}

/** Each group's value of a per-group option, or a refusal naming it when a list has the wrong length. */
export function perGroupValues(ctx: BuildContext, option: string, value: number | readonly number[]): number[] {
  const values = expandPerGroup(value, ctx.groups.length);
  if (values === undefined) return ctx.fail(option, value, `a single value or a list of ${ctx.groups.length} values (one per param group)`);
  return values;
}
