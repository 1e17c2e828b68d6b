import type { SchedulerOptions } from "../../core/define.js";
import { bool, num, withDefault } from "../../core/schema.js";
import { cycleSchedulerClass } from "./cycles.js";
import { initializeOption, noiseOptions, tInEpochsOption } from "./options.js";

const atLeastZero = (what: string) => num(`a number >= 0 (timm asserts ${what} >= 0)`, (v) => v >= 0);

const tanhOptions = () => ({
  /** Length of the first cycle (timm asserts > 0). */
  tInitial: num("a number > 0 (timm asserts t_initial > 0)", (v) => v > 0),
  /** The tanh argument at the start of a cycle. */
  lb: withDefault(num(), -7),
  /** The tanh argument at the end of a cycle (timm asserts lb < ub). */
  ub: withDefault(num(), 3),
  /** The floor of the lr. */
  lrMin: withDefault(atLeastZero("lr_min"), 0),
  cycleMul: withDefault(num(), 1),
  cycleDecay: withDefault(num(), 1),
  /** Cycles run before the lr stays at `lr_min` (timm asserts >= 0). */
  cycleLimit: withDefault(atLeastZero("cycle_limit"), 1),
  warmupT: withDefault(atLeastZero("warmup_t"), 0),
  warmupLrInit: withDefault(atLeastZero("warmup_lr_init"), 0),
  /** false (default): the warmup ramps toward the curve's value at `warmup_t`, read at the same t afterwards. */
  warmupPrefix: withDefault(bool(), false),
  ...tInEpochsOption(),
  ...noiseOptions(),
  ...initializeOption(),
});

const TanhLRSchedulerBase = /* @__PURE__ */ cycleSchedulerClass({
  type: "TanhLRScheduler",
  options: tanhOptions,
  curve(o, ctx) {
    if (!(o.lb < o.ub)) ctx.fail("lb", o.lb, `a number below ub = ${o.ub} (timm asserts lb < ub)`);
    const { lb, ub } = o;
    const factor = (elapsed: number, length: number) => {
      const tr = elapsed / length;
      return 1 - Math.tanh(lb * (1 - tr) + ub * tr);
    };
    return { factor, scale: 0.5, decayBeforeLimit: false, warmupTowardCurve: !o.warmupPrefix };
  },
});

/**
 * timm's `TanhLRScheduler`: each cycle follows `lr_min + 0.5 * (lr_max - lr_min) * (1 - tanh(lb * (1 - tr) + ub * tr))`,
 * `tr` the fraction of the cycle elapsed, with warmup, restarts and noise as in CosineLRScheduler.
 * Without the prefix the warmup ramps to the curve's value at `warmup_t`, so the hand-off is continuous.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new TanhLRScheduler(optimizer, { tInitial: 50, lrMin: 1e-4, warmupT: 5, warmupLrInit: 1e-5 });
 * for (let epoch = 0; epoch < 50; epoch++) scheduler.step(epoch + 1);
 */
export class TanhLRScheduler extends TanhLRSchedulerBase {}

export type TanhLRSchedulerOptions = SchedulerOptions<typeof TanhLRScheduler>;
