import { torchEpochs, type Counter } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { nonNegativeInt, nonNegativeNumber, withDefault } from "../../core/schema.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";

/**
 * PyTorch's counting (`last_epoch`, construction is the first step), except that every construction
 * writes the group fields: BioNeMo sets each group's `initial_lr` before PyTorch's constructor runs,
 * resuming (`last_epoch` given) or not.
 */
const bionemoEpochs: Counter = { ...torchEpochs, fresh: () => true };

/** Why `max_steps` may not equal `warmup_steps`, or undefined when it may be used. */
export function decayLengthProblem(warmupSteps: number, maxSteps: number): string | undefined {
  return maxSteps === warmupSteps ? `different from warmup_steps (${warmupSteps}): BioNeMo divides by max_steps - warmup_steps from step warmup_steps on` : undefined;
}

/**
 * BioNeMo's `WarmupAnnealDecayHold`: linear warmup `min_lr -> max_lr` over `warmup_steps`, then a
 * linear decay that would reach 0 at `max_steps`, held at `anneal_percentage * max_lr` from where
 * it gets there on. Every group gets the same lr: the groups' own lrs play no part (as in BioNeMo,
 * each group's `initialLr` is set to `max_lr` if absent).
 *
 * `max_steps == warmup_steps` is refused (BioNeMo divides by zero at step `warmup_steps`);
 * `max_steps < warmup_steps` runs as in BioNeMo: after the warmup the lr rises without bound.
 * @example
 * const scheduler = new WarmupAnnealDecayHold(optimizer, { warmupSteps: 2000, maxSteps: 500_000, maxLr: 4e-4 });
 * for (const batch of batches) { train(batch); scheduler.step(); }
 */
export const WarmupAnnealDecayHold = /* @__PURE__ */ defineSchedule({
  type: "WarmupAnnealDecayHold",
  family: "bionemo",
  counter: bionemoEpochs,
  base: "absolute",
  options: () => ({
    /** Steps of the linear warmup from `minLr` to `maxLr`. */
    warmupSteps: nonNegativeInt(),
    /** Step at which the linear decay from `maxLr` would reach 0; must differ from `warmupSteps`. */
    maxSteps: nonNegativeInt(),
    /** The peak lr, reached at step `warmupSteps`. */
    maxLr: nonNegativeNumber(),
    /** The lr at step 0; it plays no part after the warmup. */
    minLr: withDefault(nonNegativeNumber(), 4e-5),
    /** The lr is held at `annealPercentage * maxLr` once the decay gets there. */
    annealPercentage: withDefault(nonNegativeNumber(), 0.1),
    ...lastEpochOption(),
  }),
  build({ warmupSteps, maxSteps, maxLr, minLr, annealPercentage }, { groups, fail }) {
    const problem = decayLengthProblem(warmupSteps, maxSteps);
    if (problem !== undefined) return fail("maxSteps", maxSteps, problem);
    const decaySteps = maxSteps - warmupSteps;
    const hold = maxLr * annealPercentage;
    return {
      shape: (t) => (t < warmupSteps ? minLr + ((maxLr - minLr) * t) / warmupSteps : Math.max(maxLr * (1 - (t - warmupSteps) / decaySteps), hold)),
      lr: (_i, s) => s,
      // PyTorch's base_lrs are the groups' initial_lr, which BioNeMo sets to max_lr where a group has none.
      baseLrs: groups.map((g) => g.initialLr ?? maxLr),
      groupFields: (i): Record<string, number> => (groups[i]!.initialLr === undefined ? { initialLr: maxLr } : {}),
    };
  },
  reference: /* @__PURE__ */ torchDialect({ required: ["warmup_steps", "max_steps", "max_lr"] }),
});

export type WarmupAnnealDecayHold = InstanceType<typeof WarmupAnnealDecayHold>;
export type WarmupAnnealDecayHoldOptions = SchedulerOptions<typeof WarmupAnnealDecayHold>;
