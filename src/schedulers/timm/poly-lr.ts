import type { SchedulerOptions } from "../../core/define.js";
import { num, withDefault } from "../../core/schema.js";
import { timmClass, timmTime } from "./base.js";
import { cycleForm, cycleLength } from "./cycles.js";
import { checkInitialize, initializeOption, noiseOptions, tInEpochsOption, timmDialect, warmupOptions } from "./options.js";

const polyOptions = () => ({
  /** Length of the first cycle (timm asserts > 0). */
  tInitial: num("a number > 0 (timm asserts t_initial > 0)", (v) => v > 0),
  /** The exponent of the decay. */
  power: withDefault(num(), 0.5),
  /** The floor of the lr (timm asserts >= 0). */
  lrMin: withDefault(num("a number >= 0 (timm asserts lr_min >= 0)", (v) => v >= 0), 0),
  cycleMul: withDefault(num(), 1),
  cycleDecay: withDefault(num(), 1),
  cycleLimit: withDefault(num(), 1),
  ...warmupOptions(false),
  ...tInEpochsOption(),
  ...noiseOptions(),
  /** k-decay: the decay is taken of `t_curr ** k / t_i ** k`. */
  kDecay: withDefault(num(), 1),
  ...initializeOption(),
});

const PolyLRSchedulerBase = /* @__PURE__ */ timmClass({
  type: "PolyLRScheduler",
  family: "timm",
  counter: timmTime,
  options: polyOptions,
  build(o, ctx) {
    checkInitialize(ctx, o.initialize);
    if (o.tInitial === 1 && o.cycleMul === 1 && o.cycleDecay === 1) {
      ctx.warn("no-effect", "Cosine annealing scheduler will have no effect on the learning rate since t_initial = t_mul = eta_mul = 1.");
    }
    const { kDecay: k, power } = o;
    return cycleForm("PolyLRScheduler", o, {
      factor: (elapsed, length) => (1 - elapsed ** k / length ** k) ** power,
      scale: 1,
      decayBeforeLimit: true,
      warmupTowardCurve: false,
    }, ctx);
  },
  reference: /* @__PURE__ */ timmDialect(),
});

/**
 * timm's `PolyLRScheduler`: `lr_min + (lr_max - lr_min) * (1 - t_curr ** k / t_i ** k) ** power` over
 * each cycle, with warmup, restarts, k-decay and noise as in CosineLRScheduler.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new PolyLRScheduler(optimizer, { tInitial: 100, power: 1, lrMin: 1e-3 });
 * for (let epoch = 0; epoch < 100; epoch++) scheduler.step(epoch + 1);
 */
export class PolyLRScheduler extends PolyLRSchedulerBase {
  /** timm's `get_cycle_length(cycles=0)`. */
  getCycleLength(cycles = 0): number {
    return cycleLength(this.options, cycles);
  }
}

export type PolyLRSchedulerOptions = SchedulerOptions<typeof PolyLRScheduler>;
