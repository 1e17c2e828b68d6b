import type { SchedulerOptions } from "../../core/define.js";
import { num, withDefault } from "../../core/schema.js";
import { timmClass, timmTime } from "./base.js";
import { cycleForm, cycleLength } from "./cycles.js";
import { checkInitialize, initializeOption, noiseOptions, tInEpochsOption, timmDialect, warmupOptions } from "./options.js";

const cosineOptions = () => ({
  /** Length of the first cycle (timm asserts > 0). */
  tInitial: num("a number > 0 (timm asserts t_initial > 0)", (v) => v > 0),
  /** The floor of the lr (timm asserts >= 0). */
  lrMin: withDefault(num("a number >= 0 (timm asserts lr_min >= 0)", (v) => v >= 0), 0),
  /** Each cycle is `cycle_mul` times as long as the one before. */
  cycleMul: withDefault(num(), 1),
  /** Each cycle's peak is `cycle_decay` times the one before. */
  cycleDecay: withDefault(num(), 1),
  /** Cycles run before the lr stays at `lr_min`. */
  cycleLimit: withDefault(num(), 1),
  ...warmupOptions(false),
  ...tInEpochsOption(),
  ...noiseOptions(),
  /** k-decay: the cosine is taken of `pi * t_curr ** k / t_i ** k`. */
  kDecay: withDefault(num(), 1),
  ...initializeOption(),
});

const CosineLRSchedulerBase = /* @__PURE__ */ timmClass({
  type: "CosineLRScheduler",
  family: "timm",
  counter: timmTime,
  options: cosineOptions,
  build(o, ctx) {
    checkInitialize(ctx, o.initialize);
    if (o.tInitial === 1 && o.cycleMul === 1 && o.cycleDecay === 1) {
      ctx.warn("no-effect", "Cosine annealing scheduler will have no effect on the learning rate since t_initial = t_mul = eta_mul = 1.");
    }
    const k = o.kDecay;
    return cycleForm("CosineLRScheduler", o, {
      factor: (elapsed, length) => 1 + Math.cos((Math.PI * elapsed ** k) / length ** k),
      scale: 0.5,
      decayBeforeLimit: true,
      warmupTowardCurve: false,
    }, ctx);
  },
  reference: /* @__PURE__ */ timmDialect(),
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
export class CosineLRScheduler extends CosineLRSchedulerBase {
  /** timm's `get_cycle_length(cycles=0)`: the length of `cycles` cycles (default `cycle_limit`, at least 1), plus `warmup_t` with the prefix. */
  getCycleLength(cycles = 0): number {
    return cycleLength(this.options, cycles);
  }
}

export type CosineLRSchedulerOptions = SchedulerOptions<typeof CosineLRScheduler>;
