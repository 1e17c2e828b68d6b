import * as z from "zod/mini";
import { deepspeedIterations } from "../../core/counter.js";
import { defineSchedule, type ScheduleClass, type SchedulerOptions } from "../../core/define.js";
import type { LRScheduler } from "../../core/engine.js";
import { InvalidOptimizerError, InvalidOptionError } from "../../core/errors.js";
import type { ParamGroup } from "../../core/optimizer.js";
import type { OptionsOf } from "../../core/options.js";
import type { BuildContext, Form } from "../../core/schedule.js";
import { bool, num, oneOf, withDefault } from "../../core/schema.js";
import { deepspeedDialect, lastBatchIterationOption, numberPerGroup, perGroupValues } from "./common.js";

const TYPE = "OneCycle";

/** Which group field momentum cycling writes: DeepSpeed's rule (`"auto"`), `betas`, or SGD's `momentum`. */
export type MomentumTarget = "auto" | "betas" | "momentum";

/** DeepSpeed's beta2 while it cycles beta1: it replaces the whole tuple with `(momentum, 0.99)`. */
const CYCLED_BETA2 = 0.99;

const oneCycleOptions = () => ({
  /** Lower lr of the cycle, one or one per group (`cycle_min_lr`). */
  cycleMinLr: numberPerGroup(),
  /** Upper lr of the cycle, one or one per group (`cycle_max_lr`). */
  cycleMaxLr: numberPerGroup(),
  /** After the cycle `lr = cycle_min_lr / (1 + decay_lr_rate * k / decay_step_size)` (`decay_lr_rate`); 0: no decay. */
  decayLrRate: withDefault(num(), 0),
  /** Iterations of the rising half (`cycle_first_step_size`). */
  cycleFirstStepSize: withDefault(num(), 2000),
  /** Iterations of the falling half (`cycle_second_step_size`); absent or null: the first's. */
  cycleSecondStepSize: z.optional(z.nullable(num())),
  /** Accepted for DeepSpeed configs; DeepSpeed stores it and never uses it (`cycle_first_stair_count`). */
  cycleFirstStairCount: withDefault(num(), 0),
  /** Accepted and unused, as in DeepSpeed (`cycle_second_stair_count`). */
  cycleSecondStairCount: z.optional(z.nullable(num())),
  /** Decay interval after the cycle (`decay_step_size`); 0 turns both decays off. */
  decayStepSize: withDefault(num(), 0),
  /** Cycle momentum inversely to the lr (`cycle_momentum`). */
  cycleMomentum: withDefault(bool(), true),
  /** Lower momentum, one or one per group (`cycle_min_mom`). */
  cycleMinMom: withDefault(numberPerGroup(), 0.8 as number | number[]),
  /** Upper momentum, one or one per group (`cycle_max_mom`). */
  cycleMaxMom: withDefault(numberPerGroup(), 0.9 as number | number[]),
  /** After the cycle `momentum = cycle_max_mom * (1 + decay_mom_rate * k / decay_step_size)` (`decay_mom_rate`); 0: none. */
  decayMomRate: withDefault(num(), 0),
  /**
   * Where momentum goes. `"auto"` is DeepSpeed's rule: `betas` (written as `[momentum, 0.99]`) when
   * the optimizer's defaults (without defaults: its groups) have betas, otherwise no cycling.
   * `"momentum"` cycles the groups' `momentum` (SGD); `"betas"` forces betas.
   */
  momentumTarget: withDefault(oneOf(["auto", "betas", "momentum"] as const), "auto"),
  ...lastBatchIterationOption(),
});

type OneCycleFields = ReturnType<typeof oneCycleOptions>;
type Options = OptionsOf<OneCycleFields>;

/** The cycle's constants, per group where DeepSpeed allows lists. */
interface Cycle {
  readonly minLrs: readonly number[];
  readonly maxLrs: readonly number[];
  readonly minMoms: readonly number[];
  readonly maxMoms: readonly number[];
  /** `cycle_first_step_size + cycle_second_step_size`. */
  readonly total: number;
  /** `cycle_first_step_size / total`. */
  readonly ratio: number;
  readonly decayStepSize: number;
  /** 0 when the lr does not decay after the cycle (DeepSpeed's `skip_lr_decay`). */
  readonly lrDecayRate: number;
  /** 0 when momentum does not grow after the cycle (`skip_mom_decay`). */
  readonly momDecayRate: number;
}

function cycleOf(o: Options, groups: number, fail: BuildContext["fail"]): Cycle {
  const first = o.cycleFirstStepSize;
  const total = first + (o.cycleSecondStepSize ?? first);
  if (total === 0) {
    const option = o.cycleSecondStepSize == null ? "cycleFirstStepSize" : "cycleSecondStepSize";
    fail(option, o.cycleSecondStepSize ?? first, "a value that leaves cycle_first_step_size + cycle_second_step_size other than 0 (DeepSpeed divides by the sum)");
  }
  // DeepSpeed switches a decay off when its rate or the step size is 0 (math.isclose(x, 0) means x == 0).
  const decays = o.decayStepSize !== 0;
  return {
    minLrs: perGroupValues(o.cycleMinLr, "cycleMinLr", groups, fail),
    maxLrs: perGroupValues(o.cycleMaxLr, "cycleMaxLr", groups, fail),
    minMoms: perGroupValues(o.cycleMinMom, "cycleMinMom", groups, fail),
    maxMoms: perGroupValues(o.cycleMaxMom, "cycleMaxMom", groups, fail),
    total,
    ratio: first / total,
    decayStepSize: o.decayStepSize,
    lrDecayRate: decays ? o.decayLrRate : 0,
    momDecayRate: decays ? o.decayMomRate : 0,
  };
}

/** Position in the cycle at iteration `t`: 0 at either end, 1 at the peak (DeepSpeed counts from `t + 1`). */
function scaleFactor(c: Cycle, t: number): number {
  const b = t + 1;
  const x = 1 + b / c.total - Math.floor(1 + b / c.total);
  return x <= c.ratio ? x / c.ratio : (x - 1) / (c.ratio - 1);
}

/** DeepSpeed's `get_mom()` for group `i` at iteration `t`, given the scale factor at `t` (used while `t < total`). */
function cycleMomentum(c: Cycle, i: number, t: number, scale: number): number {
  const maxMom = c.maxMoms[i]!;
  if (t < c.total) return maxMom - (maxMom - c.minMoms[i]!) * scale;
  if (c.momDecayRate === 0) return maxMom;
  return maxMom * (1 + c.momDecayRate * ((t - c.total + 1) / c.decayStepSize));
}

/** What momentum cycling writes, or null when it is off. */
function targetOf(o: Options, defaults: BuildContext["defaults"], groups: readonly Readonly<ParamGroup>[]): "beta1" | "momentum" | null {
  if (!o.cycleMomentum) return null;
  if (o.momentumTarget === "momentum") return "momentum";
  if (o.momentumTarget === "betas") return "beta1";
  const hasBetas = defaults ? "betas" in defaults : groups.every((g) => Array.isArray(g.betas));
  return hasBetas ? "beta1" : null;
}

/** Every group has the field momentum cycling writes, and groups sharing one betas list get the same momenta. */
function checkGroups(target: "beta1" | "momentum", c: Cycle, groups: readonly Readonly<ParamGroup>[]): void {
  groups.forEach((g, i) => {
    if (target === "momentum") {
      if (typeof g.momentum !== "number") throw new InvalidOptimizerError(TYPE, `paramGroups[${i}].momentum`, g.momentum, "a number, since momentum cycling writes momentum");
      return;
    }
    if (!(Array.isArray(g.betas) && g.betas.length === 2)) {
      throw new InvalidOptimizerError(TYPE, `paramGroups[${i}].betas`, g.betas, "a [beta1, beta2] list, since momentum cycling writes betas");
    }
    const j = groups.findIndex((h) => h.betas === g.betas);
    if (j < i && (c.minMoms[j] !== c.minMoms[i] || c.maxMoms[j] !== c.maxMoms[i])) {
      throw new InvalidOptimizerError(TYPE, `paramGroups[${i}].betas`, g.betas, `a betas list of its own: it is group ${j}'s list, and the two groups' momenta differ`);
    }
  });
}

const OneCycleSchedule = /* @__PURE__ */ defineSchedule({
  type: TYPE,
  family: "deepspeed",
  counter: deepspeedIterations,
  base: "lr",
  options: oneCycleOptions,
  build: (o, ctx) => {
    const c = cycleOf(o, ctx.groups.length, ctx.fail);
    const target = targetOf(o, ctx.defaults, ctx.groups);
    if (target === null && o.cycleMomentum) {
      ctx.warn("momentum-cycling-disabled", 'cycle_momentum is off: the optimizer has no betas (DeepSpeed cycles only betas); pass momentumTarget "momentum" to cycle momentum.');
    }
    if (target !== null) checkGroups(target, c, ctx.groups);
    const lrDecays = c.lrDecayRate !== 0;
    // Construction (and a load) at iteration -1 writes the min lr and cycle_min_mom; DeepSpeed's
    // step(-1) runs the cycle formula there instead (cycle_max_mom). `shape` and `jumpShape` say which.
    let jumped = false;
    const shared = (t: number) => {
      if (t < c.total) return scaleFactor(c, t);
      return lrDecays ? 1 + c.lrDecayRate * ((t - c.total + 1) / c.decayStepSize) : 1;
    };
    const form: Form = {
      shape(t) {
        jumped = false;
        return shared(t);
      },
      jumpShape(t) {
        jumped = true;
        return shared(t);
      },
      // In the cycle `s` is the scale factor, after it the decay's divisor (1 without decay).
      lr(i, s, t) {
        const minLr = c.minLrs[i]!;
        if (t < 0 && !jumped) return minLr;
        return t < c.total ? minLr + (c.maxLrs[i]! - minLr) * s : minLr / s;
      },
    };
    if (target === null) return form;
    const momentum = (i: number, s: number, t: number) => (t < 0 && !jumped ? c.minMoms[i]! : cycleMomentum(c, i, t, s));
    if (target === "momentum") return { ...form, momentumTarget: "momentum", momentum };
    return { ...form, momentumTarget: "beta1", momentum, beta2: () => CYCLED_BETA2 };
  },
  reference: deepspeedDialect,
});

/** A OneCycle scheduler: the engine, and DeepSpeed's `get_mom()`. */
export interface OneCycle extends LRScheduler<OptionsOf<OneCycleFields>> {
  /**
   * DeepSpeed's `get_mom()`: the momentum (or beta1) of each group at the current iteration, or
   * null when momentum cycling is off. As in DeepSpeed, right after construction (iteration -1)
   * this is `cycle_max_mom`, the cycle's value there, although construction wrote `cycle_min_mom`.
   * @example
   * scheduler.step(999); // the peak of the lr
   * scheduler.getMom(); // [0.8]
   */
  getMom(): number[] | null;
}

/**
 * DeepSpeed's `OneCycle`: one triangular cycle between `cycle_min_lr` and `cycle_max_lr` (rising
 * for `cycle_first_step_size`, falling for `cycle_second_step_size` iterations, positions counted
 * from `it + 1`), then an optional `1/(1 + rate * k / decay_step_size)` decay. Momentum moves the
 * other way between `cycle_max_mom` and `cycle_min_mom`, and grows after the cycle. Unlike
 * DeepSpeed, per-group lists of lrs and momenta work.
 * @example
 * const adam = { paramGroups: [{ lr: 1e-3, betas: [0.9, 0.999] }], defaults: { betas: [0.9, 0.999] } };
 * const scheduler = new OneCycle(adam, { cycleMinLr: 1e-4, cycleMaxLr: 1e-3, cycleFirstStepSize: 1000 });
 * scheduler.step(); // iteration 0
 * scheduler.getMom(); // [0.8999] (beta1 of each group)
 */
export const OneCycle: ScheduleClass<OneCycleFields, OneCycle, typeof TYPE, "deepspeed"> = class OneCycle extends OneCycleSchedule {
  getMom(): number[] | null {
    const groups = this.optimizer.paramGroups;
    if (targetOf(this.options, this.optimizer.defaults, groups) === null) return null;
    const c = cycleOf(this.options, groups.length, (option, value, expected) => {
      throw new InvalidOptionError(TYPE, option, value, expected);
    });
    const t = this.lastEpoch;
    const scale = t < c.total ? scaleFactor(c, t) : 0;
    return groups.map((_, i) => cycleMomentum(c, i, t, scale));
  }
};

export type OneCycleOptions = SchedulerOptions<typeof OneCycle>;
