/**
 * Small schedules for the TF.js adapter tests: non-constant closed forms that also cycle momentum
 * and beta1 when the group has them, and a metric-driven one that follows the `step(metric)` contract.
 */
import { LRScheduler, schema } from "lr-schedulers";
import * as z from "zod/mini";

const { positiveInt, num } = schema;

/** lr rises and falls every step; momentum and beta1 move against it, as OneCycle does. */
export class WobbleLR extends LRScheduler<{ period: number }> {
  static readonly schedulerType = "WobbleLR";
  static readonly optionsSchema = z.strictObject({ period: positiveInt() });

  protected lrAt(i: number, t: number): number {
    return this.baseLrs[i]! * (0.55 + 0.45 * Math.cos((2 * Math.PI * t) / this.options.period));
  }

  /** The momentum (or beta1) that goes with step `t`. */
  static momentumAt(t: number, period: number): number {
    return 0.85 - 0.1 * Math.cos((2 * Math.PI * t) / period);
  }

  protected override applyExtras(t: number): void {
    const group = this.optimizer.paramGroups[0]!;
    const m = WobbleLR.momentumAt(t, this.options.period);
    if (group.momentum !== undefined) group.momentum = m;
    if (group.betas !== undefined) group.betas[0] = m;
  }
}

/** Halves the lr whenever the metric fails to improve; a stand-in with ReduceLROnPlateau's step(metric) contract. */
export class HalveOnPlateau extends LRScheduler<{ factor?: number }, unknown> {
  static readonly schedulerType = "HalveOnPlateau";
  static readonly optionsSchema = z.strictObject({ factor: z.optional(num()) });
  readonly metrics: number[] = [];
  private best = Infinity;
  private scale = 1;

  override get isClosedForm(): boolean {
    return false;
  }

  protected lrAt(i: number): number {
    return this.baseLrs[i]! * (this.scale ?? 1);
  }

  override step(metric?: number): void {
    this.metrics.push(metric!);
    if (metric! < this.best) this.best = metric!;
    else this.scale *= this.options.factor ?? 0.5;
    this.lastEpoch += 1;
    this.apply();
  }
}
