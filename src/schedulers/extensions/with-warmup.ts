import { CompositeScheduler, schedulerInstance, stepLrs } from "../../core/composite.js";
import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { LRScheduler } from "../../core/scheduler.js";
import { nonNegativeInt, numberIn, oneOf, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";

export type WarmupMode = "linear" | "exponential" | "cosine";

export interface WithWarmupOptions {
  /** The schedule that runs after the warmup, on its own clock restarted at its first step. */
  schedule: LRScheduler;
  /** Length of the warmup, in steps (0: no warmup). */
  warmupSteps: number;
  /** Fraction of the base lr at step 0. Default 0 (must be > 0 for `"exponential"`). */
  warmupStartFactor?: number;
  /** Shape of the warmup. Default `"linear"`. */
  warmupMode?: WarmupMode;
}

interface Resolved {
  steps: number;
  start: number;
  mode: WarmupMode;
  /** Where the inner schedule's own clock starts (PyTorch 0, DeepSpeed -1). */
  innerStart: number;
  /** Filled by `sharedAt` (see `stepLrs`): [step, each group's lr]. */
  lrs: Float64Array;
}

/**
 * A warmup in front of any schedule. For step k < warmupSteps the lr is base × factor(k), rising from
 * `warmupStartFactor` to 1: linear `s + (1 − s)·k/W`, exponential `s^(1 − k/W)`, cosine
 * `s + (1 − s)·(1 − cos(πk/W))/2`; from step W on, the inner schedule's value at its step k − W.
 * @example
 * const scheduler = withWarmup(new CosineAnnealingLR(optimizer, { tMax: 1000 }), { steps: 100 });
 */
export class WithWarmup extends CompositeScheduler<WithWarmupOptions, Resolved> {
  static readonly schedulerType = "WithWarmup";
  static override readonly childOptions = ["schedule"];
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    schedule: schedulerInstance(),
    warmupSteps: nonNegativeInt(),
    warmupStartFactor: z.optional(numberIn(0, 1)),
    warmupMode: z.optional(oneOf(["linear", "exponential", "cosine"])),
  }));

  constructor(optimizer: Optimizer, options: WithWarmupOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: WithWarmupOptions, optimizer: Optimizer): Resolved {
    this.checkChildren([options.schedule], optimizer, "schedule");
    const mode = options.warmupMode ?? "linear";
    const start = options.warmupStartFactor ?? 0;
    if (mode === "exponential" && start === 0) {
      throw new InvalidOptionError(this.type, "warmup_start_factor", start, 'a number in (0, 1] with warmup_mode "exponential" (an exponential ramp cannot start at 0)');
    }
    return { steps: options.warmupSteps, start, mode, innerStart: options.schedule.startEpoch, lrs: stepLrs(optimizer) };
  }

  protected override initialBaseLrs(options: WithWarmupOptions): number[] {
    return options.schedule.baseLrs.slice();
  }

  protected lrAt(i: number, t: number): number {
    const { steps, innerStart } = this.resolved;
    if (t >= steps) return this.options.schedule.scheduleAt(i, innerStart + t - steps);
    return this.baseLrs[i]! * this.warmupFactor(t);
  }

  /**
   * With one group, that group's lr, which `lrWithShared` hands back (no buffer to fill and read);
   * with several, every group's lr into the buffer (see `stepLrs`), and 0. Either way the warmup
   * factor or the inner schedule's shared part is computed once.
   */
  protected override sharedAt(t: number): number {
    const { steps, innerStart, lrs } = this.resolved;
    const one = lrs.length === 2;
    if (!one) lrs[0] = NaN; // until every lr is in: a child that throws leaves no half-filled step behind
    if (t >= steps) {
      const schedule = this.options.schedule;
      const local = innerStart + t - steps;
      const shared = schedule.sharedScheduleAt(local);
      if (one) return schedule.scheduleWithShared(0, local, shared);
      for (let i = 1; i < lrs.length; i++) lrs[i] = schedule.scheduleWithShared(i - 1, local, shared);
    } else {
      const factor = this.warmupFactor(t);
      const bases = this.baseLrs;
      if (one) return bases[0]! * factor;
      for (let i = 1; i < lrs.length; i++) lrs[i] = bases[i - 1]! * factor;
    }
    lrs[0] = t;
    return 0;
  }

  /** The buffer's lr when it holds step t (several groups); with one group, `sharedAt`'s lr itself. */
  protected override lrWithShared(i: number, t: number, shared: number): number {
    const lrs = this.resolved.lrs;
    return lrs[0] === t ? lrs[i + 1]! : lrs.length === 2 ? shared : this.lrAt(i, t);
  }

  /** The fraction of the base lr at warmup step `t < steps`. */
  private warmupFactor(t: number): number {
    const { steps, start, mode } = this.resolved;
    const x = t / steps;
    return mode === "linear" ? start + (1 - start) * x : mode === "exponential" ? start ** (1 - x) : start + ((1 - start) * (1 - Math.cos(Math.PI * x))) / 2;
  }

  protected override applyExtras(t: number): void {
    const { steps, innerStart } = this.resolved;
    const inner = this.options.schedule;
    inner.lastEpoch = innerStart + Math.max(0, t - steps);
    inner.writeExtras(inner.lastEpoch);
  }
}

/**
 * Puts a warmup in front of `scheduler` (built on the same optimizer).
 * @param options `steps`: warmup length; `startFactor`: fraction of the base lr at step 0 (default 0); `mode`: linear (default), exponential or cosine
 */
export function withWarmup(
  scheduler: LRScheduler,
  { steps, startFactor, mode }: { steps: number; startFactor?: number; mode?: WarmupMode },
): WithWarmup {
  const options: WithWarmupOptions = { schedule: scheduler, warmupSteps: steps };
  if (startFactor !== undefined) options.warmupStartFactor = startFactor;
  if (mode !== undefined) options.warmupMode = mode;
  return new WithWarmup(scheduler.optimizer, options);
}
