import { CompositeScheduler, schedulerList } from "../../core/composite.js";
import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { expandPerGroup } from "../../core/options.js";
import type { LRScheduler } from "../../core/scheduler.js";
import { perGroup, positiveNumber, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";

export interface PerGroupSchedulerOptions {
  /** One schedule per param group (group i follows schedules[i]), or a single one for every group. */
  schedules: LRScheduler[];
  /** Multiplier of each group's lr (timm's `lr_scale`): one value, or one per group. Default: each group's `lrScale` key, else 1. */
  lrScale?: number | number[];
}

interface Resolved {
  scales: number[];
  /** Where each schedule's own clock starts (PyTorch 0, DeepSpeed -1). */
  starts: number[];
}

/**
 * Drives each param group with its own schedule, and scales each group's lr by its own multiplier:
 * `lr_i(t) = lrScale_i × schedules[i](t)`. Only the lr is written (the sub-schedules' momentum or
 * weight decay would apply to every group, so they are not).
 * @example
 * const backbone = new CosineAnnealingLR(optimizer, { tMax: 100 });
 * const head = new StepLR(optimizer, { stepSize: 30 });
 * const scheduler = new PerGroupScheduler(optimizer, { schedules: [backbone, head] });
 */
export class PerGroupScheduler extends CompositeScheduler<PerGroupSchedulerOptions, Resolved> {
  static readonly schedulerType = "PerGroupScheduler";
  static override readonly childOptions = ["schedules"];
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    schedules: schedulerList(),
    lrScale: z.optional(perGroup(positiveNumber(), "a finite number > 0")),
  }));

  constructor(optimizer: Optimizer, options: PerGroupSchedulerOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: PerGroupSchedulerOptions, optimizer: Optimizer): Resolved {
    const groups = optimizer.paramGroups;
    const { schedules } = options;
    if (schedules.length !== 1 && schedules.length !== groups.length) {
      throw new InvalidOptionError(this.type, "schedules", schedules.map((s) => s.type), `one schedule, or ${groups.length} (one per param group)`);
    }
    this.checkChildren(schedules, optimizer, "schedules");
    const scales =
      options.lrScale !== undefined
        ? expandPerGroup(options.lrScale, groups.length, this.type, "lr_scale")
        : groups.map((g, i) => {
            const scale = g.lrScale ?? 1;
            if (typeof scale !== "number" || !Number.isFinite(scale) || scale <= 0) {
              throw new InvalidOptionError(this.type, `paramGroups[${i}].lrScale`, scale, "a finite number > 0");
            }
            return scale;
          });
    return { scales, starts: schedules.map((s) => s.startEpoch) };
  }

  private scheduleOf(i: number): number {
    return this.options.schedules.length === 1 ? 0 : i;
  }

  protected override initialBaseLrs(options: PerGroupSchedulerOptions): number[] {
    return this.optimizer.paramGroups.map((_, i) => options.schedules[options.schedules.length === 1 ? 0 : i]!.baseLrs[i]!);
  }

  protected lrAt(i: number, t: number): number {
    const k = this.scheduleOf(i);
    return this.resolved.scales[i]! * this.options.schedules[k]!.scheduleAt(i, this.resolved.starts[k]! + t);
  }
}
