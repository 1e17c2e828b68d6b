import type { SchedulerOptions } from "../../core/define.js";
import { StepError } from "../../core/errors.js";
import { num, withDefault } from "../../core/schema.js";
import { timmClass, timmTime } from "./base.js";
import { decayForm } from "./decay-form.js";
import { checkInitialize, initializeOption, noiseOptions, tInEpochsOption, timmDialect, warmupOptions } from "./options.js";
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
export const StepLRScheduler = /* @__PURE__ */ timmClass({
  type: "StepLRScheduler",
  family: "timm",
  counter: timmTime,
  options: () => ({
    /** The period of the decay. */
    decayT: num(),
    /** The factor applied every `decay_t`. */
    decayRate: withDefault(num(), 1),
    ...warmupOptions(true),
    ...tInEpochsOption(),
    ...noiseOptions(),
    ...initializeOption(),
  }),
  build(o, ctx) {
    checkInitialize(ctx, o.initialize);
    const { decayT } = o;
    return decayForm("StepLRScheduler", o, (t) => {
      if (decayT === 0) throw new StepError("StepLRScheduler", t, "decay_t is 0: timm computes t // decay_t (ZeroDivisionError)");
      return floorDivide(t, decayT);
    }, ctx);
  },
  reference: /* @__PURE__ */ timmDialect(),
});

export type StepLRScheduler = InstanceType<typeof StepLRScheduler>;
export type StepLRSchedulerOptions = SchedulerOptions<typeof StepLRScheduler>;
