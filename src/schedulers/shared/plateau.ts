/**
 * PyTorch's `ReduceLROnPlateau` as a schedule definition, shared by the families built on it (PyTorch
 * itself, Hugging Face's `get_reduce_on_plateau_schedule`, timm's PlateauLRScheduler inside): the
 * lr of each group is cut by `factor` once the metric has not improved for more than `patience`
 * steps. Its state (best metric, bad-epoch and cooldown counters) is data the engine saves.
 */
import * as z from "zod/mini";
import type { LRScheduler } from "../../core/engine.js";
import type { Optimizer } from "../../core/optimizer.js";
import { metricEpochs } from "../../core/counter.js";
import { expandPerGroup } from "../../core/options.js";
import type { BuildContext, Form, Plateau, ScheduleDefinition } from "../../core/schedule.js";
import { nonNegativeInt, nonNegativeNumber, numberIn, oneOf, perGroup, withDefault } from "../../core/schema.js";
import { decodeNumber } from "../../core/json.js";
import { TORCH_BOOKKEEPING } from "./torch-options.js";

/** ReduceLROnPlateau's options (camelCase; `min_lr` may be one per group). */
export const torchPlateauOptions = () => ({
  /** `"min"`: the metric should fall; `"max"`: it should rise. */
  mode: withDefault(oneOf(["min", "max"] as const), "min"),
  /** Each cut multiplies the lr by this, in [0, 1). */
  factor: withDefault(numberIn(0, 1, { maxOpen: true }), 0.1),
  /** Bad steps tolerated before a cut. */
  patience: withDefault(nonNegativeInt(), 10),
  /** How much better a metric must be to count as an improvement. */
  threshold: withDefault(nonNegativeNumber(), 1e-4),
  /** `"rel"`: relative to the best; `"abs"`: absolute. */
  thresholdMode: withDefault(oneOf(["rel", "abs"] as const), "rel"),
  /** Steps after a cut during which bad steps are not counted. */
  cooldown: withDefault(nonNegativeInt(), 0),
  /** Floor of the lr, one value or one per group. */
  minLr: withDefault(perGroup(nonNegativeNumber(), "a finite number >= 0"), 0 as number | number[]),
  /** A cut smaller than this is skipped. */
  eps: withDefault(nonNegativeNumber(), 1e-8),
});

/** A number, ±Infinity also as the strings state dicts carry ("Infinity"); never NaN. */
const bestMetric = () =>
  z.pipe(
    z.custom<number>((v) => decodeNumber(v) !== undefined && !Number.isNaN(decodeNumber(v)), { error: "a number or ±Infinity (not NaN)" }),
    z.transform((v) => decodeNumber(v)!),
  );

/** The plateau's state, as data. */
export const plateauStateFields = () => ({
  best: bestMetric(),
  numBadEpochs: nonNegativeInt(),
  cooldownCounter: nonNegativeInt(),
});

export interface PlateauState extends Record<string, unknown> {
  best: number;
  numBadEpochs: number;
  cooldownCounter: number;
}

export type TorchPlateauOptions = z.output<z.ZodMiniObject<ReturnType<typeof torchPlateauOptions>>>;

/** PyTorch's comparisons (a NaN metric is never better). */
export function isBetter(o: TorchPlateauOptions, metric: number, best: number): boolean {
  const rel = o.thresholdMode === "rel";
  if (o.mode === "min") return rel ? metric < best * (1.0 - o.threshold) : metric < best - o.threshold;
  return rel ? metric > best * (o.threshold + 1.0) : metric > best + o.threshold;
}

/**
 * The plateau rule: one metric updates the counters and, after more than `patience` bad steps,
 * cuts each group's lr to `max(lr * factor, min_lr)` where that is more than `eps` lower.
 */
export function torchPlateau(o: TorchPlateauOptions, minLrs: readonly number[]): Plateau<PlateauState, number> {
  return {
    fields: plateauStateFields(),
    initial: { best: o.mode === "max" ? -Infinity : Infinity, numBadEpochs: 0, cooldownCounter: 0 },
    step(state, metric, lrs) {
      if (isBetter(o, metric, state.best)) {
        state.best = metric;
        state.numBadEpochs = 0;
      } else state.numBadEpochs += 1;
      if (state.cooldownCounter > 0) {
        state.cooldownCounter -= 1;
        state.numBadEpochs = 0; // bad steps during cooldown are ignored
      }
      if (state.numBadEpochs > o.patience) {
        for (let i = 0; i < lrs.length; i++) {
          const cut = lrs[i]! * o.factor;
          const next = minLrs[i]! > cut ? minLrs[i]! : cut; // Python's max(cut, min_lr)
          if (lrs[i]! - next > o.eps) lrs[i] = next;
        }
        state.cooldownCounter = o.cooldown;
        state.numBadEpochs = 0;
      }
    },
  };
}

/** ReduceLROnPlateau's closed form: its plateau rule, with `min_lr` per group. */
export function buildTorchPlateau(o: TorchPlateauOptions, { groups, fail }: Pick<BuildContext, "groups" | "fail">): Form {
  const minLrs = expandPerGroup(o.minLr, groups.length);
  if (minLrs === undefined) return fail("minLr", o.minLr, `a single value or a list of ${groups.length} values (one per param group)`);
  return { plateau: torchPlateau(o, minLrs) as unknown as Plateau<Record<string, unknown>, number> };
}

/**
 * ReduceLROnPlateau's definition under another family's name: `step(metric)` at each epoch end;
 * nothing is written at construction. PyTorch's own `state_dict()` loads (`best`, `num_bad_epochs`,
 * `cooldown_counter`, `min_lrs`, `_last_lr`, ...).
 */
export function torchPlateauDefinition<T extends string, Family extends string>(type: T, family: Family): ScheduleDefinition<ReturnType<typeof torchPlateauOptions>, T, Family> {
  return {
    type,
    family,
    counter: metricEpochs,
    base: "lr",
    options: torchPlateauOptions,
    // Its cuts multiply the current lr: with another scheduler on the optimizer, both act.
    chainable: () => true,
    build: buildTorchPlateau,
    reference: {
      counter: ["last_epoch"],
      lastLr: "_last_lr",
      optionsByName: { except: ["minLr"] },
      state: { best: "best", numBadEpochs: "num_bad_epochs", cooldownCounter: "cooldown_counter" },
      ignored: /* @__PURE__ */ (TORCH_BOOKKEEPING as readonly string[]).concat("mode_worse", "default_min_lr"),
      convert: (dict) => {
        // PyTorch keeps `min_lrs` (one per group) and `default_min_lr` (the single value given, if one was).
        const minLrs = dict.min_lrs;
        const single = dict.default_min_lr;
        if (!Array.isArray(minLrs)) return { consumed: ["min_lrs"] };
        const minLr = typeof single === "number" && minLrs.every((m) => m === single) ? single : minLrs;
        return { options: { minLr }, consumed: ["min_lrs"] };
      },
    },
  };
}

/** A class made by `defineSchedule` from `torchPlateauDefinition`. */
type PlateauBase = new (optimizer: Optimizer, options: never) => LRScheduler<TorchPlateauOptions>;

/**
 * The public class of a ReduceLROnPlateau definition: the engine, with PyTorch's attributes
 * (`best`, `num_bad_epochs`, `cooldown_counter`) as read-only properties, and `step(metric)` typed
 * as needing its metric.
 */
export function plateauClass<B extends PlateauBase>(Base: B) {
  return class extends (Base as PlateauBase) {
    /** The best metric so far (the worst value for the mode until the first step). */
    get best(): number {
      return this.plateauState!.best as number;
    }

    /** Consecutive steps without improvement. */
    get numBadEpochs(): number {
      return this.plateauState!.numBadEpochs as number;
    }

    /** Steps of cooldown left. */
    get cooldownCounter(): number {
      return this.plateauState!.cooldownCounter as number;
    }

    /**
     * Records one metric (PyTorch's `step(metrics)`), cutting the lrs when it has not improved for
     * more than `patience` steps. A NaN metric never counts as an improvement.
     * @param metric the monitored value, e.g. the validation loss
     * @param epoch PyTorch's deprecated explicit counter
     */
    override step(metric: number, epoch?: number): void {
      super.step(metric, epoch);
    }
  } as unknown as Pick<B, keyof B> & (new (...args: ConstructorParameters<B>) => InstanceType<B> & PlateauAccessors);
}

export interface PlateauAccessors {
  readonly best: number;
  readonly numBadEpochs: number;
  readonly cooldownCounter: number;
  step(metric: number, epoch?: number): void;
}
