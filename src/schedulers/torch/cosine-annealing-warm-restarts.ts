import { StepError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { RestoredState } from "../../core/scheduler.js";
import { int, num, positiveInt, lazySchema } from "../../core/schema.js";
import { StateReader } from "../../core/state.js";
import * as z from "zod/mini";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";

export interface CosineAnnealingWarmRestartsOptions extends TorchCommonOptions {
  /** Length of the first cycle, in epochs (`T_0`), a positive integer. */
  t0: number;
  /** Each cycle is `T_mult` times longer than the previous one (`T_mult`), an integer >= 1. Default 1. */
  tMult?: number;
  /** The lr at the end of each cycle (`eta_min`). Default 0. */
  etaMin?: number;
}

/** The constants of the closed form, plain numbers. */
interface WarmRestartsResolved {
  t0: number;
  tMult: number;
  etaMin: number;
}

/**
 * PyTorch's `CosineAnnealingWarmRestarts` (SGDR): within cycle `n`, which starts at epoch
 * `s_n = T_0 * (T_mult ** n - 1) / (T_mult - 1)` (`n * T_0` when `T_mult = 1`) and lasts
 * `T_i = T_0 * T_mult ** n`, `lr = eta_min + (base_lr - eta_min) * (1 + cos(pi * (e - s_n) / T_i)) / 2`.
 *
 * The counter `lastEpoch` is the real-valued epoch `e`: `step()` adds 1, `step(epoch)` sets it
 * (fractional epochs allowed). Plain steps find the cycle exactly, as PyTorch's `T_cur += 1`
 * recursion does; `step(epoch)` finds it as PyTorch does, `int(log(x) / log(T_mult))`, which at an
 * exact restart epoch can land one cycle early. That choice is kept in the state dict until the next step.
 * @example
 * const scheduler = new CosineAnnealingWarmRestarts(optimizer, { t0: 10, tMult: 2 });
 * for (let epoch = 0; epoch < 20; epoch++)
 *   for (let b = 0; b < batches; b++) { train(); scheduler.step(epoch + b / batches); }
 */
export class CosineAnnealingWarmRestarts extends TorchScheduler<CosineAnnealingWarmRestartsOptions, WarmRestartsResolved> {
  static readonly schedulerType = "CosineAnnealingWarmRestarts";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    t0: positiveInt(),
    tMult: z.optional(int("an integer >= 1", (v) => v >= 1)),
    etaMin: z.optional(num()),
    ...torchCommonOptions,
  }));

  /** The cycle chosen by the last `step(epoch)` where it differs from the exact one; undefined otherwise. */
  private declare cycleOverride: number | undefined;

  constructor(optimizer: Optimizer, options: CosineAnnealingWarmRestartsOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: CosineAnnealingWarmRestartsOptions): WarmRestartsResolved {
    return { t0: options.t0, tMult: options.tMult ?? 1, etaMin: options.etaMin ?? 0 };
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** The cosine term at epoch `t` in its exact cycle, the same for every group: computed once per step. */
  protected override sharedAt(t: number): number {
    const r = this.resolved;
    // T_mult = 1: every cycle is T_0 long, the position is `t % T_0` whatever the cycle.
    if (r.tMult === 1) return 1 + Math.cos((Math.PI * (t % r.t0)) / r.t0);
    return this.cosineInCycle(t, exactCycle(r, t));
  }

  protected override lrWithShared(i: number, _t: number, cosine: number): number {
    const etaMin = this.resolved.etaMin;
    return etaMin + ((this.baseLrs[i]! - etaMin) * cosine) / 2;
  }

  /** `1 + cos(pi * T_cur / T_i)` at epoch `e`, counted in cycle `n`. */
  private cosineInCycle(e: number, n: number): number {
    const { t0, tMult } = this.resolved;
    const tCur = tMult === 1 ? e % t0 : e - cycleStart(t0, tMult, n);
    const tI = tMult === 1 ? t0 : t0 * tMult ** n;
    return 1 + Math.cos((Math.PI * tCur) / tI);
  }

  protected override apply(): void {
    const n = this.cycleOverride;
    if (n === undefined) return super.apply();
    const groups = this.optimizer.paramGroups;
    const cosine = this.cosineInCycle(this.lastEpoch, n);
    for (let i = 0; i < groups.length; i++) {
      const lr = this.lrWithShared(i, this.lastEpoch, cosine);
      groups[i]!.lr = lr;
      this.lastLr[i] = lr;
    }
  }

  /** `step()`: one epoch on. `step(epoch)`: jump to that epoch (>= 0, may be fractional). */
  override step(epoch?: number): void {
    if (epoch !== undefined) {
      if (typeof epoch !== "number" || !Number.isFinite(epoch) || epoch < 0) {
        throw new StepError(this.type, this.lastEpoch, `the explicit epoch must be a finite number >= 0; got ${String(epoch)}`);
      }
      const n = explicitCycle(this.resolved, epoch);
      this.cycleOverride = n === exactCycle(this.resolved, epoch) ? undefined : n;
    } else this.cycleOverride = undefined;
    super.step(epoch);
  }

  protected override extraState(): Record<string, unknown> | undefined {
    return this.cycleOverride === undefined ? undefined : { cycle: this.cycleOverride };
  }

  protected override readExtraState(reader: StateReader): unknown {
    return reader.optionalNumber("cycle", { integer: true, min: 0 });
  }

  protected override commitExtraState(extra: unknown): void {
    this.cycleOverride = extra as number | undefined;
  }

  /**
   * PyTorch's dict has `last_epoch = floor(epoch)`, `T_cur` (the position in the cycle) and `T_i`
   * (the cycle's length): the epoch is `last_epoch + frac(T_cur)`, the cycle is read off `T_i`.
   */
  protected override readReferenceState(value: unknown): RestoredState<CosineAnnealingWarmRestartsOptions, WarmRestartsResolved> {
    const state = super.readReferenceState(value);
    const reader = StateReader.of(this.type, value);
    const tCur = reader.number("T_cur");
    const epoch = state.lastEpoch + (tCur - Math.floor(tCur));
    const { t0, tMult = 1 } = state.options;
    let cycle: number | undefined;
    if (tMult > 1 && reader.has("T_i")) {
      const tI = reader.number("T_i", { min: t0 });
      const n = Math.round(Math.log(tI / t0) / Math.log(tMult));
      if (t0 * tMult ** n !== tI) reader.fail("T_i", `T_0 * T_mult ** n for an integer n >= 0 (T_0 = ${t0}, T_mult = ${tMult})`);
      if (n !== exactCycle(state.options, epoch)) cycle = n;
    }
    return { ...state, lastEpoch: epoch, extra: cycle };
  }
}

type CycleOptions = Pick<CosineAnnealingWarmRestartsOptions, "t0" | "tMult">;

/** First epoch of cycle `n` (T_mult > 1). */
function cycleStart(t0: number, tMult: number, n: number): number {
  return (t0 * (tMult ** n - 1)) / (tMult - 1);
}

/** The cycle PyTorch's `step(epoch)` computes: CPython's `int(math.log(x, T_mult))` is `ln(x) / ln(T_mult)`, truncated. */
function explicitCycle({ t0, tMult = 1 }: CycleOptions, epoch: number): number {
  if (epoch < t0 || tMult === 1) return exactCycle({ t0, tMult }, epoch);
  return Math.trunc(Math.log((epoch / t0) * (tMult - 1) + 1) / Math.log(tMult));
}

/** The cycle containing epoch `e` exactly: the largest `n` with `cycleStart(n) <= e` (the logarithm corrected by one where it rounds across). */
function exactCycle({ t0, tMult = 1 }: CycleOptions, e: number): number {
  if (e < t0) return 0;
  if (tMult === 1) return Math.floor(e / t0);
  let n = Math.floor(Math.log((e / t0) * (tMult - 1) + 1) / Math.log(tMult));
  if (cycleStart(t0, tMult, n + 1) <= e) n += 1;
  else if (n > 0 && cycleStart(t0, tMult, n) > e) n -= 1;
  return n;
}
