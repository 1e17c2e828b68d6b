/**
 * Options and group settings every timm scheduler shares: warmup, noise, `t_in_epochs`,
 * `initialize`, each group's `lrScale`, and how timm's own `state_dict()` reads.
 */
import * as z from "zod/mini";
import { InvalidOptimizerError } from "../../core/errors.js";
import type { BuildContext } from "../../core/schedule.js";
import type { ReferenceDialect } from "../../core/reference.js";
import { bool, int, num, withDefault } from "../../core/schema.js";

/** `noise_range_t`: none, a start (noise for every t >= start), or `[start, end]` (start <= t < end; further entries are ignored, as timm ignores them). */
const noiseRange = () =>
  z.custom<number | number[]>(
    (v) => (typeof v === "number" && Number.isFinite(v)) || (Array.isArray(v) && v.length >= 2 && v.every((x) => typeof x === "number" && Number.isFinite(x))),
    { error: "null (no noise), a number (noise for t >= it) or a list [start, end] (noise for start <= t < end)" },
  );

/** `noise_seed`: an integer; None (null) means 42, as in timm's base class. */
const noiseSeed = () => z._default(z.pipe(z.nullable(int()), z.transform((v) => v ?? 42)), 42);

/** The warmup: `warmup_t` steps from `warmup_lr_init` to the base lr. */
export const warmupOptions = (prefixDefault: boolean) => ({
  /** Length of the warmup (timm: any number; 0 is none). */
  warmupT: withDefault(num(), 0),
  /** The lr the warmup starts from. */
  warmupLrInit: withDefault(num(), 0),
  /** true: the schedule starts after the warmup (`t - warmup_t`); false: it is read at the same t, its first `warmup_t` steps skipped. */
  warmupPrefix: withDefault(bool(), prefixDefault),
});

/** true: `step(epoch)` sets the lr; false: `stepUpdate(numUpdates)` does. */
export const tInEpochsOption = () => ({ tInEpochs: withDefault(bool(), true) });

/** The cycle options of CosineLRScheduler and PolyLRScheduler (TanhLRScheduler asserts more of them). */
export const cycleOptions = () => ({
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
});

/** Noise on the lr: `lr + lr * n`, n drawn from a torch generator seeded with `noise_seed + t`. */
export const noiseOptions = () => ({
  noiseRangeT: z._default(z.nullable(noiseRange()), null),
  /** Normal noise is redrawn until `|n| < noise_pct`; uniform noise is `noise_pct * U(-1, 1)`. */
  noisePct: withDefault(num(), 0.67),
  /** Stored and never used by timm at the reference commit. */
  noiseStd: withDefault(num(), 1.0),
  noiseSeed: noiseSeed(),
});

/** true: each group's `initialLr` is set from its lr where absent; false: every group must have `initialLr`. */
export const initializeOption = () => ({ initialize: withDefault(bool(), true) });

export interface NoiseSettings {
  readonly noiseRangeT: number | number[] | null;
  readonly noisePct: number;
  readonly noiseSeed: number;
}

/** `initialize=false` takes the base lrs from `initialLr`, which every group must have (timm raises KeyError). */
export function checkInitialize(ctx: BuildContext, initialize: boolean): void {
  if (initialize) return;
  const missing = ctx.groups.findIndex((g) => g.initialLr === undefined);
  if (missing >= 0) ctx.fail("initialize", false, `true unless every param group has "initialLr" (param group ${missing} has none; timm raises KeyError 'initial_lr missing from param_groups[${missing}]')`);
}

/** Each group's `lrScale` (timm's `lr_scale`, multiplied into every lr written), 1 where a group has none. */
export function lrScales(type: string, ctx: BuildContext): number[] {
  return ctx.groups.map((g, i) => {
    if ("lr_scale" in g && !("lrScale" in g)) throw new InvalidOptimizerError(type, `paramGroups[${i}].lr_scale`, g.lr_scale, 'spelled "lrScale" (group keys are camelCase)');
    const scale = g.lrScale;
    if (scale === undefined) return 1;
    if (typeof scale !== "number" || !Number.isFinite(scale)) throw new InvalidOptimizerError(type, `paramGroups[${i}].lrScale`, scale, "a finite number (timm's lr_scale), or absent");
    return scale;
  });
}

/** The warmup's slope per group, `(target - warmup_lr_init) / warmup_t`; 1 without a warmup (timm's `warmup_steps`). */
export function warmupSlopes(targets: readonly number[], warmupT: number, warmupLrInit: number): number[] {
  return targets.map((v) => (warmupT !== 0 ? (v - warmupLrInit) / warmupT : 1));
}

/**
 * timm's `state_dict()` of the closed-form schedulers: the object's `__dict__` (every setting under
 * its Python name, `base_values`, `warmup_steps`, `metric`, the noise settings) and no time. Its
 * load updates just the keys given and writes nothing into the groups; the next `step(epoch)` sets
 * the time. `warmup_steps` is recomputed from the settings; `metric` is read by the class.
 */
export function timmDialect(): ReferenceDialect {
  return {
    counter: [],
    leavesGroups: true,
    baseLrs: "base_values",
    optionsByName: { except: ["initialize", "noiseRangeT"] },
    ignored: ["metric", "warmup_steps"],
    convert: (dict, reader) => {
      const expect = (key: string, value: string, why: string) => {
        if (key in dict && dict[key] !== value) reader.fail(key, `"${value}" (${why})`);
      };
      expect("param_group_field", "lr", "timm's schedulers here schedule the lr");
      expect("_initial_param_group_field", "initial_lr", "the base lrs are each group's initial_lr");
      expect("noise_type", "normal", "only PlateauLRScheduler takes another noise type");
      const options = "noise_range_t" in dict ? { noiseRangeT: dict.noise_range_t } : {};
      return { options, consumed: ["param_group_field", "_initial_param_group_field", "noise_type", "noise_range_t"] };
    },
  };
}
