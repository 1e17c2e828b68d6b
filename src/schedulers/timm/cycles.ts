/**
 * The closed form timm's cycle schedulers share (CosineLRScheduler, TanhLRScheduler,
 * PolyLRScheduler): a warmup, then cycles of a decaying curve, each peak `base * cycle_decay ** i`,
 * `lr_min` once `cycle_limit` cycles have run; noise on top, `lrScale` on each write.
 */
import type { ScheduleClass } from "../../core/define.js";
import { StepError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { OptionFields, OptionsOf } from "../../core/options.js";
import type { BuildContext, Form } from "../../core/schedule.js";
import { correctlyRoundedLog } from "../shared/correctly-rounded-log.js";
import { timmNoise, type Noise } from "./noise.js";
import { timmClass, timmTime, type TimmScheduler } from "./base.js";
import { checkInitialize, lrScales, timmDialect, warmupSlopes, type NoiseSettings } from "./options.js";
import { floorDivide, floorLog } from "./python.js";

/** The settings of a cycle schedule (validated options). */
export interface CycleSettings extends NoiseSettings {
  readonly tInitial: number;
  readonly lrMin: number;
  readonly cycleMul: number;
  readonly cycleDecay: number;
  readonly cycleLimit: number;
  readonly warmupT: number;
  readonly warmupLrInit: number;
  readonly warmupPrefix: boolean;
}

export interface CycleCurve {
  /** The curve's factor after `elapsed` of a cycle of `length` (cosine: `1 + cos(pi * tc**k / ti**k)`). */
  readonly factor: (elapsed: number, length: number) => number;
  /** The lr is `lr_min + scale * (lr_max - lr_min) * factor`: 0.5 for cosine and tanh, 1 for poly. */
  readonly scale: number;
  /** Cosine and poly compute `cycle_decay ** i` before looking at `cycle_limit` (so its overflow raises past the limit too); tanh only inside. */
  readonly decayBeforeLimit: boolean;
  /** TanhLRScheduler without the prefix warms up toward the curve's value at `warmup_t`, not the base. */
  readonly warmupTowardCurve: boolean;
}

/**
 * timm's `get_cycle_length(cycles=0)`: `t_initial * cycles` (cycles: `max(1, cycles or cycle_limit)`),
 * or `floor(-t_initial * (cycle_mul ** cycles - 1) / (1 - cycle_mul))`, plus `warmup_t` with the prefix.
 */
export function cycleLength(o: Pick<CycleSettings, "tInitial" | "cycleMul" | "cycleLimit" | "warmupT" | "warmupPrefix">, cycles = 0): number {
  const n = Math.max(1, cycles || o.cycleLimit);
  const t = o.cycleMul === 1 ? o.tInitial * n : Math.floor((-o.tInitial * (o.cycleMul ** n - 1)) / (1 - o.cycleMul));
  return o.warmupPrefix ? t + o.warmupT : t;
}

const WARMUP = 0;
const CURVE = 1;
const FLOOR = 2;

/** The form of a cycle schedule. Refuses `cycle_mul <= 0`, for which timm's `math.log(x, cycle_mul)` raises at every step past the warmup. */
export function cycleForm(type: string, o: CycleSettings, curve: CycleCurve, ctx: BuildContext): Form {
  if (!(o.cycleMul > 0)) ctx.fail("cycleMul", o.cycleMul, "a number > 0 (timm takes math.log(x, cycle_mul), a ValueError for cycle_mul <= 0)");
  const { tInitial, cycleMul, cycleDecay, cycleLimit, lrMin, warmupT, warmupLrInit, warmupPrefix } = o;
  const bases = ctx.baseLrs;
  const scales = lrScales(type, ctx);
  const noise: Noise = timmNoise(type, o, false, ctx);
  const lnMul = cycleMul === 1 ? 0 : correctlyRoundedLog(cycleMul);
  const half = curve.scale;
  // Where `locate(t)` found t, for the per-group values of the same t.
  const at = { phase: WARMUP, gamma: 1, factor: 0, noisy: false, noise: 0 };

  /** Finds where t falls (timm's `_get_lr` up to the per-group values) and records it in `at`. @throws StepError where timm raises */
  const locate = (t: number): void => {
    if (t < warmupT) {
      at.phase = WARMUP;
      at.factor = 0;
      return;
    }
    const local = warmupPrefix ? t - warmupT : t;
    let i: number;
    let length: number;
    let elapsed: number;
    if (cycleMul !== 1) {
      const x = 1 - (local / tInitial) * (1 - cycleMul);
      if (!(x > 0)) throw new StepError(type, t, `math.log(${x}, cycle_mul) is undefined: with cycle_mul < 1 the cycles end at t = t_initial / (1 - cycle_mul) (timm raises ValueError: math domain error)`);
      i = floorLog(x, lnMul);
      length = cycleMul ** i * tInitial;
      elapsed = local - ((1 - cycleMul ** i) / (1 - cycleMul)) * tInitial;
    } else {
      i = floorDivide(local, tInitial);
      length = tInitial;
      elapsed = local - tInitial * i;
    }
    if (curve.decayBeforeLimit || i < cycleLimit) {
      at.gamma = cycleDecay ** i;
      if (!Number.isFinite(at.gamma)) throw new StepError(type, t, `cycle_decay ** ${i} overflows (timm raises OverflowError)`);
    }
    if (i < cycleLimit) {
      at.phase = CURVE;
      at.factor = curve.factor(elapsed, length);
    } else at.phase = FLOOR;
  };
  let slopes: readonly number[] = [];
  /** Group i's lr at t before noise and scale, `f` the curve's factor `locate(t)` found. */
  const plain = (i: number, t: number, f: number): number =>
    at.phase === WARMUP ? warmupLrInit + t * slopes[i]! : at.phase === CURVE ? lrMin + half * (bases[i]! * at.gamma - lrMin) * f : lrMin;

  let targets: readonly number[] = bases;
  if (curve.warmupTowardCurve && warmupT !== 0) {
    try {
      locate(warmupT);
    } catch (error) {
      if (!(error instanceof StepError)) throw error;
      ctx.fail("warmupT", warmupT, `a warmup whose end the schedule can compute (${error.message})`);
    }
    targets = bases.map((_, i) => plain(i, warmupT, at.factor));
  }
  slopes = warmupSlopes(targets, warmupT, warmupLrInit);
  return {
    beforeStart: (i) => (warmupT !== 0 ? warmupLrInit : bases[i]!) * scales[i]!,
    shape(t) {
      locate(t);
      at.noisy = noise.inRange(t);
      if (at.noisy) at.noise = noise.at(t);
      return at.factor;
    },
    lr(i, s, t) {
      const v = plain(i, t, s);
      return (at.noisy ? v + v * at.noise : v) * scales[i]!;
    },
  };
}

/** What a cycle schedule declares: its name, its options (with the cycle settings among them) and its curve. */
export interface CycleDefinition<F extends OptionFields, T extends string> {
  readonly type: T;
  readonly options: () => F;
  /** The curve of one cycle, from the validated options; it may refuse an option (`ctx.fail`) or warn. */
  readonly curve: (o: OptionsOf<F>, ctx: BuildContext) => CycleCurve;
}

/** A cycle schedule's scheduler: timm's calls and its `get_cycle_length`. */
export type CycleScheduler<O extends object> = TimmScheduler<O> & {
  /** timm's `get_cycle_length(cycles=0)`: the length of `cycles` cycles (default `cycle_limit`, at least 1), plus `warmup_t` with the prefix. */
  getCycleLength(cycles?: number): number;
};

/** The class of a timm cycle schedule: timm's time and dialect, `initialize` checked, the cycle form of `curve`. */
export function cycleSchedulerClass<F extends OptionFields, T extends string>(
  definition: CycleDefinition<F, T>,
): ScheduleClass<F, CycleScheduler<OptionsOf<F>>, T, "timm"> {
  const { type, options, curve } = definition;
  const Timm = timmClass({
    type,
    family: "timm",
    counter: timmTime,
    options,
    build(o, ctx) {
      const settings = o as OptionsOf<F> & CycleSettings & { initialize: boolean };
      checkInitialize(ctx, settings.initialize);
      return cycleForm(type, settings, curve(o, ctx), ctx);
    },
    reference: timmDialect(),
  }) as unknown as new (optimizer: Optimizer, options?: unknown) => TimmScheduler<OptionsOf<F>>;
  const Cycle = class extends Timm {
    getCycleLength(cycles = 0): number {
      return cycleLength(this.options as unknown as CycleSettings, cycles);
    }
  };
  Object.defineProperty(Cycle, "name", { value: type });
  return Cycle as unknown as ScheduleClass<F, CycleScheduler<OptionsOf<F>>, T, "timm">;
}

/** timm's warning for a cosine or poly schedule that leaves the lr where it is (one cycle of length 1, no growth, no decay). */
export function warnIfNoEffect(o: Pick<CycleSettings, "tInitial" | "cycleMul" | "cycleDecay">, ctx: BuildContext): void {
  if (o.tInitial === 1 && o.cycleMul === 1 && o.cycleDecay === 1) {
    ctx.warn("no-effect", "Cosine annealing scheduler will have no effect on the learning rate since t_initial = t_mul = eta_mul = 1.");
  }
}
