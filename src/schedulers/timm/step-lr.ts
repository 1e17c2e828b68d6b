import type { SchedulerOptions } from "../../core/define.js";
import { StepError } from "../../core/errors.js";
import { num } from "../../core/schema.js";
import { decaySchedulerClass } from "./decay-form.js";
import { floorDivide } from "./python.js";

/**
 * timm's `StepLRScheduler`: `base * decay_rate ** (t // decay_t)` (Python floor division; `decay_t`
 * may be fractional, `decay_rate > 1` grows), after an optional warmup that is a **prefix** by default.
 * `decay_t = 0` is refused at the first step past the warmup, where timm divides by it.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new StepLRScheduler(optimizer, { decayT: 30, decayRate: 0.1, warmupT: 3, warmupLrInit: 1e-4 });
 * for (let epoch = 0; epoch < 90; epoch++) scheduler.step(epoch + 1);
 */
export const StepLRScheduler = /* @__PURE__ */ decaySchedulerClass({
  type: "StepLRScheduler",
  /** The period of the decay. */
  decayT: () => num(),
  decays(decayT, t) {
    if (decayT === 0) throw new StepError("StepLRScheduler", t, "decay_t is 0: timm computes t // decay_t (ZeroDivisionError)");
    return floorDivide(t, decayT);
  },
});

export type StepLRScheduler = InstanceType<typeof StepLRScheduler>;
export type StepLRSchedulerOptions = SchedulerOptions<typeof StepLRScheduler>;
