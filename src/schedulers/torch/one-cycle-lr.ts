import { InvalidOptionError, InvalidStateDictError, StepError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { expandPerGroup } from "../../core/options.js";
import type { RestoredState } from "../../core/scheduler.js";
import { bool, nonNegativeNumber, num, numberIn, oneOf, perGroup, positiveInt, positiveNumber, lazySchema } from "../../core/schema.js";
import { isOwnStateDict, type StateReader } from "../../core/state.js";
import * as z from "zod/mini";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";
import { resolveMomentumCycling, startMomentumCycle, writeMomentum, type MomentumCycling } from "./momentum-cycling.js";

export interface OneCycleLROptions extends TorchCommonOptions {
  /** Peak lr, one value or one per group (`max_lr`). */
  maxLr: number | number[];
  /** Length of the cycle in steps; wins over `epochs * stepsPerEpoch`. */
  totalSteps?: number | null;
  /** With `stepsPerEpoch`, gives `totalSteps = epochs * stepsPerEpoch`. */
  epochs?: number | null;
  stepsPerEpoch?: number | null;
  /** Fraction of the cycle spent rising, in [0, 1]. Default 0.3. */
  pctStart?: number;
  /** `"cos"` (default) or `"linear"` interpolation inside each phase. */
  annealStrategy?: "cos" | "linear";
  /** Cycle momentum inversely to the lr. Default true. */
  cycleMomentum?: boolean;
  /** Momentum at the lr peak. Default 0.85. */
  baseMomentum?: number | number[];
  /** Momentum at the start and the end. Default 0.95. */
  maxMomentum?: number | number[];
  /** `initial_lr = max_lr / div_factor`. Default 25. */
  divFactor?: number;
  /** `min_lr = initial_lr / final_div_factor`. Default 1e4. */
  finalDivFactor?: number;
  /** Rise, fall back to `initial_lr`, then anneal to `min_lr` (the paper's schedule). Default false. */
  threePhase?: boolean;
}

/** One phase: its last step and the per-group values it moves between. */
interface Phase {
  endStep: number;
  startLr: number[];
  endLr: number[];
  startMomentum: number[];
  endMomentum: number[];
}

/**
 * One value (lr or momentum) of every group in every phase, as `offset + slope * s` at index
 * `phase * groups + i`, where `s` is the anneal term every group shares. PyTorch's
 * `end + ((start - end) / 2) * (cos(pi * pct) + 1)` is `offset = end`, `slope = (start - end) / 2`,
 * `s = cos(pi * pct) + 1`; its `(end - start) * pct + start` is `offset = start`,
 * `slope = end - start`, `s = pct`: the same operations, so the same values.
 */
interface Interpolation {
  offset: number[];
  slope: number[];
}

interface OneCycleLRResolved {
  totalSteps: number;
  initialLrs: number[];
  maxLrs: number[];
  minLrs: number[];
  phases: Phase[];
  /** Each phase's first and last step. */
  phaseStarts: number[];
  phaseEnds: number[];
  /** The last steps of the first two phases; Infinity for the second with two phases (the last phase runs on). */
  firstEnd: number;
  secondEnd: number;
  groups: number;
  /** Cosine annealing (else linear). */
  cos: boolean;
  lr: Interpolation;
  momentum: MomentumCycling | undefined;
  momentumValues: Interpolation | undefined;
}

function interpolation(phases: Phase[], groups: number, cos: boolean, ends: (p: Phase) => [number[], number[]]): Interpolation {
  const offset: number[] = [];
  const slope: number[] = [];
  for (const phase of phases) {
    const [start, end] = ends(phase);
    for (let i = 0; i < groups; i++) {
      offset.push(cos ? end[i]! : start[i]!);
      slope.push(cos ? (start[i]! - end[i]!) / 2.0 : end[i]! - start[i]!);
    }
  }
  return { offset, slope };
}

/**
 * PyTorch's `OneCycleLR` (the 1cycle policy): from `max_lr / div_factor` up to `max_lr` over the
 * first `pct_start` of `total_steps`, then down to `initial_lr / final_div_factor`, each phase
 * interpolated by `anneal_strategy`. Stepping past `total_steps` throws a StepError.
 * @example
 * const scheduler = new OneCycleLR(optimizer, { maxLr: 0.01, epochs: 10, stepsPerEpoch: 100 });
 * for (let i = 0; i < 1000; i++) { train(); scheduler.step(); }
 */
export class OneCycleLR extends TorchScheduler<OneCycleLROptions, OneCycleLRResolved> {
  static readonly schedulerType = "OneCycleLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    maxLr: perGroup(nonNegativeNumber(), "a finite number >= 0"),
    totalSteps: z.optional(z.nullable(positiveInt())),
    epochs: z.optional(z.nullable(positiveInt())),
    stepsPerEpoch: z.optional(z.nullable(positiveInt())),
    pctStart: z.optional(numberIn(0, 1)),
    annealStrategy: z.optional(oneOf(["cos", "linear"])),
    cycleMomentum: z.optional(bool()),
    baseMomentum: z.optional(perGroup(num(), "a finite number")),
    maxMomentum: z.optional(perGroup(num(), "a finite number")),
    divFactor: z.optional(positiveNumber()),
    finalDivFactor: z.optional(positiveNumber()),
    threePhase: z.optional(bool()),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: OneCycleLROptions) {
    super(optimizer, options);
  }

  protected override resolve(options: OneCycleLROptions, optimizer: Optimizer): OneCycleLRResolved {
    const type = OneCycleLR.schedulerType;
    const totalSteps = resolveTotalSteps(options);
    const maxLrs = expandPerGroup(options.maxLr, optimizer.paramGroups.length, type, "max_lr");
    const initialLrs = maxLrs.map((m) => m / (options.divFactor ?? 25.0));
    const minLrs = initialLrs.map((l) => l / (options.finalDivFactor ?? 1e4));
    const momentum =
      (options.cycleMomentum ?? true)
        ? resolveMomentumCycling(optimizer, type, options.baseMomentum ?? 0.85, options.maxMomentum ?? 0.95)
        : undefined;
    const maxM = momentum?.maxMomentums ?? [];
    const baseM = momentum?.baseMomentums ?? [];
    const pct = options.pctStart ?? 0.3;
    const phases: Phase[] = options.threePhase
      ? [
          { endStep: pct * totalSteps - 1, startLr: initialLrs, endLr: maxLrs, startMomentum: maxM, endMomentum: baseM },
          { endStep: 2 * pct * totalSteps - 2, startLr: maxLrs, endLr: initialLrs, startMomentum: baseM, endMomentum: maxM },
          { endStep: totalSteps - 1, startLr: initialLrs, endLr: minLrs, startMomentum: maxM, endMomentum: maxM },
        ]
      : [
          { endStep: pct * totalSteps - 1, startLr: initialLrs, endLr: maxLrs, startMomentum: maxM, endMomentum: baseM },
          { endStep: totalSteps - 1, startLr: maxLrs, endLr: minLrs, startMomentum: baseM, endMomentum: maxM },
        ];
    // A phase that starts where it ends would divide by zero: the first one at step 0 (pct_start *
    // total_steps == 1), the last one at step total_steps. Middle phases of zero length are never entered.
    const penultimateEnd = phases[phases.length - 2]!.endStep;
    if (phases[0]!.endStep === 0 || penultimateEnd === totalSteps - 1) {
      throw new InvalidOptionError(type, "pct_start", pct, `a fraction that gives no phase of zero length with ${totalSteps} total steps`);
    }
    if ((options.lastEpoch ?? -1) + 1 > totalSteps) {
      throw new InvalidOptionError(type, "last_epoch", options.lastEpoch, `less than total_steps (${totalSteps})`);
    }
    const groups = maxLrs.length;
    const cos = options.annealStrategy !== "linear";
    return {
      totalSteps,
      initialLrs,
      maxLrs,
      minLrs,
      phases,
      phaseStarts: phases.map((_, k) => (k === 0 ? 0.0 : phases[k - 1]!.endStep)),
      phaseEnds: phases.map((p) => p.endStep),
      firstEnd: phases[0]!.endStep,
      secondEnd: phases.length === 3 ? phases[1]!.endStep : Infinity,
      groups,
      cos,
      lr: interpolation(phases, groups, cos, (p) => [p.startLr, p.endLr]),
      momentum,
      momentumValues: momentum && interpolation(phases, groups, cos, (p) => [p.startMomentum, p.endMomentum]),
    };
  }

  /** A new schedule (re)writes each group's `initialLr`, `maxLr` and `minLr`, and starts the momentum at its max. */
  protected override initialBaseLrs(options: OneCycleLROptions): number[] {
    const r = this.resolved;
    if ((options.lastEpoch ?? -1) !== -1) return super.initialBaseLrs(options);
    this.optimizer.paramGroups.forEach((g, i) => {
      g.initialLr = r.initialLrs[i]!;
      g.maxLr = r.maxLrs[i]!;
      g.minLr = r.minLrs[i]!;
    });
    if (r.momentum) startMomentumCycle(this.optimizer, r.momentum);
    return r.initialLrs.slice();
  }

  /** Index of the phase that step `t` falls in: past the first phase's end, then past the second's (never, with two phases). */
  private phaseIndex(t: number): number {
    const r = this.resolved;
    return t > r.firstEnd ? (t > r.secondEnd ? 2 : 1) : 0;
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** The anneal term at step `t` (see `Interpolation`), the same for every group and for lr and momentum. */
  protected override sharedAt(t: number): number {
    const r = this.resolved;
    const k = this.phaseIndex(t);
    const start = r.phaseStarts[k]!;
    // Progress through the phase, 0 at its start and 1 at its end.
    const pct = (t - start) / (r.phaseEnds[k]! - start);
    return r.cos ? Math.cos(Math.PI * pct) + 1 : pct;
  }

  protected override lrWithShared(i: number, t: number, s: number): number {
    const r = this.resolved;
    const j = this.phaseIndex(t) * r.groups + i;
    return r.lr.offset[j]! + r.lr.slope[j]! * s;
  }

  protected override applyExtras(t: number): void {
    const r = this.resolved;
    const m = r.momentum;
    const values = r.momentumValues;
    if (!m || !values) return;
    const s = this.sharedAt(t);
    const base = this.phaseIndex(t) * r.groups;
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < groups.length; i++) {
      writeMomentum(groups[i]!, m.target, values.offset[base + i]! + values.slope[base + i]! * s);
    }
  }

  /** Steps 1..total_steps are allowed; the next one throws and changes nothing. */
  override step(epoch?: number): void {
    const next = epoch === undefined ? this.lastEpoch + 1 : epoch;
    if (next > this.resolved.totalSteps) {
      throw new StepError(this.type, next, `the schedule has ${this.resolved.totalSteps} total steps; it cannot step past them`);
    }
    super.step(epoch);
  }

  /** A checkpoint past the end of its cycle is refused (the next step could only fail). */
  override readStateDict(stateDict: unknown): RestoredState<OneCycleLROptions, OneCycleLRResolved> {
    const state = super.readStateDict(stateDict);
    if (state.lastEpoch > state.resolved.totalSteps) {
      const field = isOwnStateDict(stateDict) ? "lastEpoch" : "last_epoch";
      throw new InvalidStateDictError(this.type, field, state.lastEpoch, `at most total_steps (${state.resolved.totalSteps})`);
    }
    return state;
  }

  /**
   * PyTorch's dict holds `total_steps`, `_anneal_func_type` and `_schedule_phases`, not the options
   * behind them: the phase count gives three_phase, the first phase's end gives pct_start when it
   * differs from the constructor's. max_lr, div_factor and the momenta are the constructor's.
   */
  protected override referenceOptions(reader: StateReader): Record<string, unknown> {
    const out = super.referenceOptions(reader);
    delete out.lastEpoch; // the checkpoint's last_epoch is the counter, not the constructor's resume argument
    const strategy = reader.raw("_anneal_func_type");
    if (strategy !== undefined) out.annealStrategy = strategy;
    const phases = reader.raw("_schedule_phases");
    if (Array.isArray(phases) && (phases.length === 2 || phases.length === 3)) {
      out.threePhase = phases.length === 3;
      const firstEnd = (phases[0] as { end_step?: unknown } | null)?.end_step;
      const total = typeof out.totalSteps === "number" ? out.totalSteps : this.resolved.totalSteps;
      const pct = this.options.pctStart ?? 0.3;
      if (typeof firstEnd === "number" && pct * total - 1 !== firstEnd) out.pctStart = (firstEnd + 1) / total;
    }
    return out;
  }
}

function resolveTotalSteps(options: OneCycleLROptions): number {
  if (options.totalSteps != null) return options.totalSteps;
  if (options.epochs != null && options.stepsPerEpoch != null) return options.epochs * options.stepsPerEpoch;
  throw new InvalidOptionError(OneCycleLR.schedulerType, "total_steps", options.totalSteps, "given, or else both epochs and steps_per_epoch");
}
