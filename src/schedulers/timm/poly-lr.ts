import type { SchedulerOptions } from "../../core/define.js";
import { num, withDefault } from "../../core/schema.js";
import { cycleSchedulerClass, warnIfNoEffect } from "./cycles.js";
import { cycleOptions, initializeOption, noiseOptions, tInEpochsOption, warmupOptions } from "./options.js";

const polyOptions = () => ({
  ...cycleOptions(),
  /** The exponent of the decay. */
  power: withDefault(num(), 0.5),
  ...warmupOptions(false),
  ...tInEpochsOption(),
  ...noiseOptions(),
  /** k-decay: the decay is taken of `t_curr ** k / t_i ** k`. */
  kDecay: withDefault(num(), 1),
  ...initializeOption(),
});

const PolyLRSchedulerBase = /* @__PURE__ */ cycleSchedulerClass({
  type: "PolyLRScheduler",
  options: polyOptions,
  curve(o, ctx) {
    warnIfNoEffect(o, ctx);
    const { kDecay: k, power } = o;
    return { factor: (elapsed, length) => (1 - elapsed ** k / length ** k) ** power, scale: 1, decayBeforeLimit: true, warmupTowardCurve: false };
  },
});

/**
 * timm's `PolyLRScheduler`: `lr_min + (lr_max - lr_min) * (1 - t_curr ** k / t_i ** k) ** power` over
 * each cycle, with warmup, restarts, k-decay and noise as in CosineLRScheduler.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new PolyLRScheduler(optimizer, { tInitial: 100, power: 1, lrMin: 1e-3 });
 * for (let epoch = 0; epoch < 100; epoch++) scheduler.step(epoch + 1);
 */
export class PolyLRScheduler extends PolyLRSchedulerBase {}

export type PolyLRSchedulerOptions = SchedulerOptions<typeof PolyLRScheduler>;
