import { InvalidOptimizerError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { bool, int, nonNegativeInt, nonNegativeNumber, numberIn, oneOf, perGroup, positiveInt, lazySchema } from "../../core/schema.js";
import { emitWarning } from "../../core/warnings.js";
import * as z from "zod/mini";
import { DeepSpeedScheduler, deepspeedCommonOptions, type DeepSpeedCommonOptions } from "./base.js";

/** Which group field momentum cycling writes. */
export type MomentumTarget = "auto" | "betas" | "momentum";

export interface OneCycleOptions extends DeepSpeedCommonOptions {
  /** Lower lr of the cycle, per group or one for all (`cycle_min_lr`). Required. */
  cycleMinLr: number | number[];
  /** Upper lr of the cycle, per group or one for all (`cycle_max_lr`). Required. */
  cycleMaxLr: number | number[];
  /** Decay after the cycle: `lr = cycle_min_lr / (1 + decay_lr_rate * k / decay_step_size)` (`decay_lr_rate`). Default 0 (none). */
  decayLrRate?: number;
  /** Iterations of the rising half (`cycle_first_step_size`). Default 2000. */
  cycleFirstStepSize?: number;
  /** Iterations of the falling half (`cycle_second_step_size`). Default: the first's. */
  cycleSecondStepSize?: number | null;
  /** Accepted for DeepSpeed configs; DeepSpeed stores it and never uses it, so it changes nothing (`cycle_first_stair_count`). */
  cycleFirstStairCount?: number;
  /** Accepted for DeepSpeed configs; unused, as in DeepSpeed (`cycle_second_stair_count`). */
  cycleSecondStairCount?: number | null;
  /** Decay interval after the cycle (`decay_step_size`); 0 turns both decays off. Default 0. */
  decayStepSize?: number;
  /** Cycle momentum inversely to the lr (`cycle_momentum`). Default true. */
  cycleMomentum?: boolean;
  /** Lower momentum, per group or one for all (`cycle_min_mom`). Default 0.8. */
  cycleMinMom?: number | number[];
  /** Upper momentum, per group or one for all (`cycle_max_mom`). Default 0.9. */
  cycleMaxMom?: number | number[];
  /** Momentum growth after the cycle: `mom = cycle_max_mom * (1 + decay_mom_rate * k / decay_step_size)` (`decay_mom_rate`). Default 0. */
  decayMomRate?: number;
  /**
   * Where momentum goes. `"auto"` (default) is DeepSpeed's rule: `betas` when the optimizer's
   * defaults (or, without defaults, its groups) have betas, written as `[momentum, 0.99]`;
   * otherwise (SGD) no cycling. `"momentum"` cycles the groups' `momentum`; `"betas"` forces betas.
   */
  momentumTarget?: MomentumTarget;
}

interface Resolved {
  minLrs: number[];
  maxLrs: number[];
  minMoms: number[];
  maxMoms: number[];
  totalSize: number;
  stepRatio: number;
  /** 0 means no lr decay after the cycle (DeepSpeed's `skip_lr_decay`). */
  decayLrRate: number;
  decayMomRate: number;
  decayStepSize: number;
  /** What momentum cycling writes, or null when it is off. */
  target: "betas" | "momentum" | null;
}

/** DeepSpeed's beta2 while it cycles beta1: it replaces the whole tuple with `(momentum, 0.99)`. */
const CYCLED_BETA2 = 0.99;

/**
 * DeepSpeed's `OneCycle`: one triangular cycle between `cycle_min_lr` and `cycle_max_lr` (rising
 * for `cycle_first_step_size`, falling for `cycle_second_step_size` iterations, positions counted
 * from `it + 1`), then an optional `1/(1 + rate * k / decay_step_size)` decay. Momentum moves the
 * other way between `cycle_max_mom` and `cycle_min_mom`, and grows after the cycle.
 * Unlike DeepSpeed, per-group lists of lrs and momenta work.
 * @example
 * const scheduler = new OneCycle(adam, { cycleMinLr: 1e-4, cycleMaxLr: 1e-3, cycleFirstStepSize: 1000, decayStepSize: 100, decayLrRate: 0.1 });
 */
export class OneCycle extends DeepSpeedScheduler<OneCycleOptions, Resolved> {
  static readonly schedulerType = "OneCycle";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    cycleMinLr: perGroup(nonNegativeNumber(), "a finite number >= 0"),
    cycleMaxLr: perGroup(nonNegativeNumber(), "a finite number >= 0"),
    decayLrRate: z.optional(nonNegativeNumber()),
    cycleFirstStepSize: z.optional(positiveInt()),
    cycleSecondStepSize: z.optional(z.nullable(nonNegativeInt())),
    cycleFirstStairCount: z.optional(int()),
    cycleSecondStairCount: z.optional(z.nullable(int())),
    decayStepSize: z.optional(nonNegativeInt()),
    cycleMomentum: z.optional(bool()),
    cycleMinMom: z.optional(perGroup(numberIn(0, 1), "a number in [0, 1]")),
    cycleMaxMom: z.optional(perGroup(numberIn(0, 1), "a number in [0, 1]")),
    decayMomRate: z.optional(nonNegativeNumber()),
    momentumTarget: z.optional(oneOf(["auto", "betas", "momentum"] as const)),
    ...deepspeedCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: OneCycleOptions) {
    super(optimizer, options);
    if (this.resolved.target === null && this.options.cycleMomentum !== false) {
      emitWarning(this.type, "momentum-cycling-disabled", "cycle_momentum is off: the optimizer has no betas (DeepSpeed cycles only betas); pass momentumTarget \"momentum\" to cycle momentum.");
    }
  }

  protected override resolve(options: OneCycleOptions, optimizer: Optimizer): Resolved {
    const first = options.cycleFirstStepSize ?? 2000;
    const totalSize = first + (options.cycleSecondStepSize ?? first);
    const decayStepSize = options.decayStepSize ?? 0;
    return {
      minLrs: this.perGroupValues(options.cycleMinLr, optimizer, "cycleMinLr"),
      maxLrs: this.perGroupValues(options.cycleMaxLr, optimizer, "cycleMaxLr"),
      minMoms: this.perGroupValues(options.cycleMinMom ?? 0.8, optimizer, "cycleMinMom"),
      maxMoms: this.perGroupValues(options.cycleMaxMom ?? 0.9, optimizer, "cycleMaxMom"),
      totalSize,
      stepRatio: first / totalSize,
      // DeepSpeed switches a decay off when its rate or the step size is 0 (math.isclose(x, 0) means x == 0).
      decayLrRate: decayStepSize === 0 ? 0 : (options.decayLrRate ?? 0),
      decayMomRate: decayStepSize === 0 ? 0 : (options.decayMomRate ?? 0),
      decayStepSize,
      target: options.cycleMomentum === false ? null : this.momentumTarget(options.momentumTarget ?? "auto", optimizer),
    };
  }

  private momentumTarget(requested: MomentumTarget, optimizer: Optimizer): Resolved["target"] {
    const hasBetas = optimizer.defaults ? "betas" in optimizer.defaults : optimizer.paramGroups.every((g) => Array.isArray(g.betas));
    const target = requested === "auto" ? (hasBetas ? "betas" : null) : requested;
    optimizer.paramGroups.forEach((g, i) => {
      if (target === "betas" && !(Array.isArray(g.betas) && g.betas.length === 2)) {
        throw new InvalidOptimizerError(this.type, `paramGroups[${i}].betas`, g.betas, "a [beta1, beta2] list, since momentum cycling writes betas");
      }
      if (target === "momentum" && typeof g.momentum !== "number") {
        throw new InvalidOptimizerError(this.type, `paramGroups[${i}].momentum`, g.momentum, "a number, since momentum cycling writes momentum");
      }
    });
    return target;
  }

  protected override initialize(): void {
    // Each group gets its own betas list, so that per-group momenta written in place stay apart.
    if (this.resolved.target === "betas") for (const g of this.optimizer.paramGroups) g.betas = [...g.betas!];
    super.initialize();
  }

  /** Position in the cycle, 0 at either end and 1 at the peak (DeepSpeed's scale factor, from `it + 1`). */
  private scaleFactor(t: number): number {
    const { totalSize, stepRatio } = this.resolved;
    const b = t + 1;
    const x = 1 + b / totalSize - Math.floor(1 + b / totalSize);
    return x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** The same for every group, computed once per step: the scale factor in the cycle, the decay's divisor after it. */
  protected override sharedAt(t: number): number {
    const { totalSize, decayLrRate, decayStepSize } = this.resolved;
    if (t < totalSize) return this.scaleFactor(t);
    return 1 + decayLrRate * ((t - totalSize + 1) / decayStepSize);
  }

  protected override lrWithShared(i: number, t: number, shared: number): number {
    const { minLrs, maxLrs, totalSize, decayLrRate } = this.resolved;
    const minLr = minLrs[i]!;
    if (t < totalSize) return minLr + (maxLrs[i]! - minLr) * shared;
    if (decayLrRate === 0) return minLr;
    return minLr / shared;
  }

  /** The momentum of group `i` at iteration `t`. */
  momentumAt(i: number, t: number): number {
    return this.momentumWithScale(i, t, t >= 0 && t < this.resolved.totalSize ? this.scaleFactor(t) : 0);
  }

  /** The momentum of group `i` at iteration `t`, given the scale factor at `t` when `t` is in the cycle. */
  private momentumWithScale(i: number, t: number, scale: number): number {
    const { minMoms, maxMoms, totalSize, decayMomRate, decayStepSize } = this.resolved;
    const maxMom = maxMoms[i]!;
    // Construction writes cycle_min_mom, although the cycle formula gives cycle_max_mom there.
    if (t < 0) return minMoms[i]!;
    if (t < totalSize) return maxMom - (maxMom - minMoms[i]!) * scale;
    if (decayMomRate === 0) return maxMom;
    return maxMom * (1 + decayMomRate * ((t - totalSize + 1) / decayStepSize));
  }

  protected override applyExtras(t: number): void {
    const target = this.resolved.target;
    if (target === null) return;
    const groups = this.optimizer.paramGroups;
    const scale = t >= 0 && t < this.resolved.totalSize ? this.scaleFactor(t) : 0;
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i]!;
      const momentum = this.momentumWithScale(i, t, scale);
      if (target === "momentum") g.momentum = momentum;
      else {
        g.betas![0] = momentum;
        g.betas![1] = CYCLED_BETA2;
      }
    }
  }
}
