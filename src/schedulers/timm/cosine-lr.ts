import type { SchedulerOptions } from "../../core/define.js";
import { num, withDefault } from "../../core/schema.js";
import { cycleSchedulerClass, warnIfNoEffect } from "./cycles.js";
import { cycleOptions, initializeOption, noiseOptions, tInEpochsOption, warmupOptions } from "./options.js";

const cosineOptions = () => ({
  ...cycleOptions(),
  ...warmupOptions(false),
  ...tInEpochsOption(),
  ...noiseOptions(),
  /** k-decay: the cosine is taken of `pi * t_curr ** k / t_i ** k`. */
  kDecay: withDefault(num(), 1),
  ...initializeOption(),
});

const CosineLRSchedulerBase = /* @__PURE__ */ cycleSchedulerClass({
  type: "CosineLRScheduler",
  options: cosineOptions,
  curve(o, ctx) {
    warnIfNoEffect(o, ctx);
    const k = o.kDecay;
    return { factor: (elapsed, length) => 1 + Math.cos((Math.PI * elapsed ** k) / length ** k), scale: 0.5, decayBeforeLimit: true, warmupTowardCurve: false };
  },
});

/**
 * timm's `CosineLRScheduler`: cosine decay from the base lr to `lr_min` over `t_initial`, with an
 * optional warmup, restarts (`cycle_mul`, `cycle_decay`, `cycle_limit`), k-decay and noise. Call
 * `step(epoch)` at each epoch's end (or `stepUpdate(numUpdates)` after each update with
 * `tInEpochs: false`); the lr is the closed form at the time passed.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new CosineLRScheduler(optimizer, { tInitial: 100, lrMin: 1e-5, warmupT: 5, warmupLrInit: 1e-4 });
 * for (let epoch = 0; epoch < 100; epoch++) {
 *   // train one epoch ...
 *   scheduler.step(epoch + 1);
 * }
 */
export class CosineLRScheduler extends CosineLRSchedulerBase {}

export type CosineLRSchedulerOptions = SchedulerOptions<typeof CosineLRScheduler>;
