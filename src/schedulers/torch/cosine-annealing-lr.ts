import { torchEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { StepError } from "../../core/errors.js";
import { num, withDefault } from "../../core/schema.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";

/** PyTorch's `T_max = 0`: its construction leaves the lr as it is, and the first step divides by zero. */
function zeroPeriod(t: number): never {
  throw new StepError("CosineAnnealingLR", t, "T_max is 0: PyTorch divides by it at every step (ZeroDivisionError: integer modulo by zero)");
}

/**
 * PyTorch's `CosineAnnealingLR`: `lr = eta_min + (base_lr - eta_min) * (1 + cos(pi * t / T_max)) / 2`.
 * It does not stop at `T_max`: like PyTorch's recursion, the lr climbs back to `base_lr` at `2 * T_max`
 * and repeats with period `2 * T_max`.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new CosineAnnealingLR(optimizer, { tMax: 100, etaMin: 1e-5 });
 * for (let epoch = 0; epoch < 100; epoch++) scheduler.step();
 */
export const CosineAnnealingLR = /* @__PURE__ */ defineSchedule({
  type: "CosineAnnealingLR",
  family: "torch",
  counter: torchEpochs,
  options: () => ({
    /** Half-period of the cosine, in steps (`T_max`); 0 is accepted, but every step after construction is refused. */
    tMax: num(),
    /** The lr at `T_max` (`eta_min`). */
    etaMin: withDefault(num(), 0.0),
    ...lastEpochOption(),
  }),
  build: ({ tMax, etaMin, lastEpoch }, { baseLrs, fail }) => {
    const lr = (i: number, cosine: number) => etaMin + ((baseLrs[i]! - etaMin) * cosine) / 2;
    if (tMax !== 0) return { shape: (t) => 1 + Math.cos((Math.PI * t) / tMax), lr };
    // PyTorch's construction step writes nothing (the lr stays the base lr); every later step divides by T_max.
    if (lastEpoch !== -1) return fail("tMax", tMax, "a number other than 0 when resuming (PyTorch's first step divides by it)");
    return { shape: (t) => (t === 0 ? 2 : zeroPeriod(t)), jumpShape: zeroPeriod, lr };
  },
  // PyTorch's step scales the current lr (a pure factor with eta_min = 0): with another scheduler on the optimizer, both act.
  chainable: () => true,
  reference: /* @__PURE__ */ torchDialect({ required: ["T_max", "eta_min"] }),
});

export type CosineAnnealingLR = InstanceType<typeof CosineAnnealingLR>;
export type CosineAnnealingLROptions = SchedulerOptions<typeof CosineAnnealingLR>;
