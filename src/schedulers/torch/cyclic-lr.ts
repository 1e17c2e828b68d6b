import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { expandPerGroup } from "../../core/options.js";
import { bool, fn, nonNegativeNumber, num, oneOf, perGroup, positiveNumber, lazySchema } from "../../core/schema.js";
import type { StateReader } from "../../core/state.js";
import * as z from "zod/mini";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";
import { resolveMomentumCycling, startMomentumCycle, writeMomentum, type MomentumCycling } from "./momentum-cycling.js";

const CYCLIC_MODES = ["triangular", "triangular2", "exp_range"] as const;

export interface CyclicLROptions extends TorchCommonOptions {
  /** Lower lr bound of the cycle, one value or one per group (`base_lr`). Construction writes it into the groups. */
  baseLr: number | number[];
  /** Upper lr bound, one value or one per group (`max_lr`); below `baseLr` the cycle is inverted. */
  maxLr: number | number[];
  /** Steps of the rising half of a cycle. Default 2000. */
  stepSizeUp?: number;
  /** Steps of the falling half. Default: `stepSizeUp`. */
  stepSizeDown?: number | null;
  /** `"triangular"` (default), `"triangular2"` (amplitude halved each cycle) or `"exp_range"` (times `gamma ** step`). Ignored with `scaleFn`. */
  mode?: string;
  /** The base of `exp_range`. Default 1. */
  gamma?: number;
  /** Custom amplitude scaling, replaces `mode`. A function cannot be saved: loading a state dict keeps the constructor's. */
  scaleFn?: ((x: number) => number) | null;
  /** What `scaleFn` receives: the cycle number (`"cycle"`, default) or the step counter (`"iterations"`). */
  scaleMode?: "cycle" | "iterations";
  /** Cycle momentum inversely to the lr. Default true. */
  cycleMomentum?: boolean;
  /** Momentum at the lr peak. Default 0.8. */
  baseMomentum?: number | number[];
  /** Momentum at the lr trough (written at construction). Default 0.9. */
  maxMomentum?: number | number[];
}

interface CyclicLRResolved {
  baseLrs: number[];
  maxLrs: number[];
  totalSize: number;
  stepRatio: number;
  scale: (x: number) => number;
  /** True when the scale function takes the cycle number, false for the step counter. */
  scaleByCycle: boolean;
  momentum: MomentumCycling | undefined;
}

/**
 * PyTorch's `CyclicLR` (cyclical learning rates): with `cycle = floor(1 + t / total)` and
 * `x = 1 + t / total - cycle`, the lr is `base_lr + (max_lr - base_lr) * f(x) * scale(cycle or t)`,
 * where `f` rises 0 -> 1 over the first `step_size_up` steps and falls back over `step_size_down`.
 * @example
 * const scheduler = new CyclicLR(optimizer, { baseLr: 0.001, maxLr: 0.006, stepSizeUp: 2000 });
 * for (const batch of batches) { train(batch); scheduler.step(); }
 */
export class CyclicLR extends TorchScheduler<CyclicLROptions, CyclicLRResolved> {
  static readonly schedulerType = "CyclicLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    baseLr: perGroup(nonNegativeNumber(), "a finite number >= 0"),
    maxLr: perGroup(nonNegativeNumber(), "a finite number >= 0"),
    stepSizeUp: z.optional(positiveNumber()),
    stepSizeDown: z.optional(z.nullable(nonNegativeNumber())),
    mode: z.optional(z.custom<string>((v) => typeof v === "string", { error: "a string" })),
    gamma: z.optional(num()),
    scaleFn: z.optional(z.nullable(fn<(x: number) => number>())),
    scaleMode: z.optional(oneOf(["cycle", "iterations"])),
    cycleMomentum: z.optional(bool()),
    baseMomentum: z.optional(perGroup(num(), "a finite number")),
    maxMomentum: z.optional(perGroup(num(), "a finite number")),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: CyclicLROptions) {
    super(optimizer, options);
  }

  protected override resolve(options: CyclicLROptions, optimizer: Optimizer): CyclicLRResolved {
    const type = CyclicLR.schedulerType;
    const groups = optimizer.paramGroups.length;
    const up = options.stepSizeUp ?? 2000;
    const totalSize = up + (options.stepSizeDown ?? up);
    const mode = options.mode ?? "triangular";
    const custom = options.scaleFn ?? undefined;
    if (custom === undefined && !(CYCLIC_MODES as readonly string[]).includes(mode)) {
      throw new InvalidOptionError(type, "mode", mode, `one of ${CYCLIC_MODES.map((m) => JSON.stringify(m)).join(", ")} (or any value with scale_fn)`);
    }
    const gamma = options.gamma ?? 1;
    const scale = custom ?? (mode === "triangular2" ? (x: number) => 1 / 2.0 ** (x - 1) : mode === "exp_range" ? (x: number) => gamma ** x : () => 1);
    return {
      baseLrs: expandPerGroup(options.baseLr, groups, type, "base_lr"),
      maxLrs: expandPerGroup(options.maxLr, groups, type, "max_lr"),
      totalSize,
      stepRatio: up / totalSize,
      scale,
      // the built-in modes fix the argument: exp_range takes the step counter, the triangles the cycle
      scaleByCycle: custom === undefined ? mode !== "exp_range" : (options.scaleMode ?? "cycle") === "cycle",
      momentum:
        (options.cycleMomentum ?? true)
          ? resolveMomentumCycling(optimizer, type, options.baseMomentum ?? 0.8, options.maxMomentum ?? 0.9)
          : undefined,
    };
  }

  /** A new schedule overwrites each group's lr with `base_lr` (and its momentum with `max_momentum`) before `initialLr` is recorded. */
  protected override initialBaseLrs(options: CyclicLROptions): number[] {
    const r = this.resolved;
    if ((options.lastEpoch ?? -1) === -1) {
      this.optimizer.paramGroups.forEach((g, i) => (g.lr = r.baseLrs[i]!));
      if (r.momentum) startMomentumCycle(this.optimizer, r.momentum);
    }
    super.initialBaseLrs(options);
    return r.baseLrs.slice();
  }

  /** The cycle step `t` is in, counted from 1. */
  private cycleAt(t: number): number {
    return Math.floor(1 + t / this.resolved.totalSize);
  }

  /** Position in the cycle, 0 at base_lr and 1 at max_lr. */
  private cyclePosition(t: number, cycle: number): number {
    const { totalSize, stepRatio } = this.resolved;
    const x = 1.0 + t / totalSize - cycle;
    return x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
  }

  private amplitudeScale(t: number, cycle: number): number {
    return this.resolved.scale(this.resolved.scaleByCycle ? cycle : t);
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** Position in the cycle times the amplitude's scale, the same for every group: computed once per step. */
  protected override sharedAt(t: number): number {
    const cycle = this.cycleAt(t);
    return this.cyclePosition(t, cycle) * this.amplitudeScale(t, cycle);
  }

  protected override lrWithShared(i: number, _t: number, height: number): number {
    const base = this.baseLrs[i]!;
    return base + (this.resolved.maxLrs[i]! - base) * height;
  }

  protected override applyExtras(t: number): void {
    const m = this.resolved.momentum;
    if (!m) return;
    const cycle = this.cycleAt(t);
    const position = this.cyclePosition(t, cycle);
    const scale = this.amplitudeScale(t, cycle);
    const groups = this.optimizer.paramGroups;
    for (let i = 0; i < groups.length; i++) {
      const max = m.maxMomentums[i]!;
      writeMomentum(groups[i]!, m.target, max - (max - m.baseMomentums[i]!) * position * scale);
    }
  }

  /** PyTorch's keys: `max_lrs`, `base_momentums`, `max_momentums`, and the cycle as `total_size` + `step_ratio`. */
  protected override referenceOptions(reader: StateReader): Record<string, unknown> {
    const out = super.referenceOptions(reader);
    delete out.lastEpoch; // the checkpoint's last_epoch is the counter, not the constructor's resume argument
    if (reader.has("max_lrs")) out.maxLr = reader.raw("max_lrs");
    if (reader.has("base_momentums")) out.baseMomentum = reader.raw("base_momentums");
    if (reader.has("max_momentums")) out.maxMomentum = reader.raw("max_momentums");
    const total = reader.optionalNumber("total_size", { min: 0 });
    const ratio = reader.optionalNumber("step_ratio", { min: 0 });
    if (total !== undefined && ratio !== undefined && (total !== this.resolved.totalSize || ratio !== this.resolved.stepRatio)) {
      out.stepSizeUp = total * ratio;
      out.stepSizeDown = total - total * ratio;
    }
    return out;
  }
}
