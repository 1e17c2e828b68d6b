import * as z from "zod/mini";
import type { SchedulerOptions } from "../../core/define.js";
import { expandPerGroup } from "../../core/options.js";
import type { Plateau } from "../../core/schedule.js";
import { int, num, oneOf, perGroup, withDefault } from "../../core/schema.js";
import { plateauStateFields, torchPlateau, type PlateauState } from "../shared/plateau.js";
import { timmClass, timmTime } from "./base.js";
import { timmNoise } from "./noise.js";
import { checkInitialize, initializeOption, lrScales, noiseOptions, warmupSlopes } from "./options.js";

const plateauOptions = () => ({
  /** The factor of each cut (torch's `factor`: below 1). */
  decayRate: withDefault(num("a number < 1 (torch: Factor should be < 1.0.)", (v) => v < 1), 0.1),
  /** Bad epochs tolerated before a cut (torch's `patience`). */
  patienceT: withDefault(num(), 10),
  /** Relative improvement that counts (torch's `threshold`, mode "rel"). */
  threshold: withDefault(num(), 1e-4),
  /** Epochs after a cut during which bad epochs are not counted (torch's `cooldown`). */
  cooldownT: withDefault(num(), 0),
  /** Epochs `0..warmup_t` (inclusive) ramp from `warmup_lr_init`; the metric is ignored there. */
  warmupT: withDefault(num(), 0),
  warmupLrInit: withDefault(num(), 0),
  /** The floor of the lr, one value or one per group (torch's `min_lr`, compared with the scaled lr). */
  lrMin: withDefault(perGroup(num(), "a finite number"), 0 as number | number[]),
  /** "max" (default): the metric should rise; "min": fall. */
  mode: withDefault(oneOf(["min", "max"] as const), "max"),
  ...noiseOptions(),
  /** "normal" (default), or any other value for uniform noise (timm's test is `noise_type == 'normal'`). */
  noiseType: withDefault(z.custom<string>((v) => typeof v === "string", { error: 'a string ("normal", or another value for uniform noise)' }), "normal"),
  ...initializeOption(),
});

/** The state: the wrapped ReduceLROnPlateau's, its step count, and each group's lr from before the noise on it. */
interface TimmPlateauState extends PlateauState {
  metricSteps: number;
  [preNoiseLr: `preNoiseLr${number}`]: number | null;
}

/**
 * timm's `PlateauLRScheduler`: torch's `ReduceLROnPlateau` (factor `decay_rate`, patience
 * `patience_t`, relative `threshold`, cooldown `cooldown_t`, floor `lr_min`, eps 1e-8, mode
 * **defaulting to "max"**) behind a warmup and timm's noise. Call `step(epoch, metric)` at each
 * epoch's end: while `epoch <= warmup_t` the lr is `warmup_lr_init + epoch * slope` and the metric is
 * ignored; later the lr from before the last noise is put back, the plateau rule takes the metric
 * (without one nothing moves), and inside the noise range noise goes on the groups' lrs.
 * `stepUpdate` does nothing.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new PlateauLRScheduler(optimizer, { mode: "min", decayRate: 0.5, patienceT: 2, warmupT: 3, warmupLrInit: 1e-4 });
 * for (let epoch = 0; epoch < 20; epoch++) scheduler.step(epoch + 1, 1 / (1 + Math.min(epoch, 8)));
 */
export const PlateauLRScheduler = /* @__PURE__ */ timmClass({
  type: "PlateauLRScheduler",
  family: "timm",
  counter: timmTime,
  options: plateauOptions,
  build(o, ctx) {
    checkInitialize(ctx, o.initialize);
    const groups = ctx.groups.length;
    const minLrs = expandPerGroup(o.lrMin, groups);
    if (minLrs === undefined) return ctx.fail("lrMin", o.lrMin, `a single value or a list of ${groups} values (torch: expected ${groups} min_lrs)`);
    const { warmupT, warmupLrInit } = o;
    const bases = ctx.baseLrs;
    const scales = lrScales("PlateauLRScheduler", ctx);
    const slopes = warmupSlopes(bases, warmupT, warmupLrInit);
    const noise = timmNoise("PlateauLRScheduler", o, o.noiseType !== "normal", ctx);
    const rule = torchPlateau(
      { mode: o.mode, factor: o.decayRate, patience: o.patienceT, threshold: o.threshold, thresholdMode: "rel", cooldown: o.cooldownT, minLr: minLrs, eps: 1e-8 },
      minLrs,
    );
    const keys = bases.map((_, i) => `preNoiseLr${i}` as const);
    const plateau: Plateau<TimmPlateauState> = {
      fields: {
        ...plateauStateFields(),
        cooldownCounter: num(),
        metricSteps: int(),
        ...Object.fromEntries(keys.map((k) => [k, z.nullable(num())])),
      },
      initial: { ...rule.initial, metricSteps: 0, ...Object.fromEntries(keys.map((k) => [k, null])) } as TimmPlateauState,
      optionalMetric: true,
      explicitEpoch: "expected",
      step(state, metric, lrs, epoch) {
        if (epoch <= warmupT) {
          for (let i = 0; i < lrs.length; i++) lrs[i] = (warmupLrInit + epoch * slopes[i]!) * scales[i]!;
          return;
        }
        for (let i = 0; i < lrs.length; i++) {
          const before = state[keys[i]!];
          if (before !== null && before !== undefined) lrs[i] = before;
          state[keys[i]!] = null;
        }
        if (metric !== undefined) {
          rule.step(state, metric, lrs, epoch);
          state.metricSteps += 1;
        }
        if (noise.inRange(epoch)) {
          const n = noise.at(epoch);
          for (let i = 0; i < lrs.length; i++) {
            state[keys[i]!] = lrs[i]!;
            lrs[i] = lrs[i]! + lrs[i]! * n;
          }
        }
      },
    };
    return {
      beforeStart: (i) => (warmupT !== 0 ? warmupLrInit : bases[i]!) * scales[i]!,
      plateau: plateau as unknown as Plateau,
    };
  },
  // timm's state_dict() is {best, last_epoch} of the wrapped ReduceLROnPlateau; its load sets them and writes no group.
  reference: {
    counter: [],
    leavesGroups: true,
    lastLr: "_last_lr",
    required: ["best"],
    state: { best: "best", metricSteps: "last_epoch" },
  },
});

export type PlateauLRScheduler = InstanceType<typeof PlateauLRScheduler>;
export type PlateauLRSchedulerOptions = SchedulerOptions<typeof PlateauLRScheduler>;
