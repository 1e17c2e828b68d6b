import { CompositeScheduler, schedulerList, stepLrs } from "../../core/composite.js";
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
  /** Filled by `sharedAt` (see `stepLrs`): [step, each group's lr]. */
  lrs: Float64Array;
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
    return { scales, starts: schedules.map((s) => s.startEpoch), lrs: stepLrs(optimizer) };
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

  /** Every group's lr; a single schedule for every group computes its shared part (a cosine, a power) once. */
  protected override sharedAt(t: number): number {
    const { scales, starts, lrs } = this.resolved;
    const schedules = this.options.schedules;
    lrs[0] = NaN; // until every lr is in: a child that throws leaves no half-filled step behind
    if (schedules.length === 1) {
      const schedule = schedules[0]!;
      const local = starts[0]! + t;
      const shared = schedule.sharedScheduleAt(local);
      for (let i = 1; i < lrs.length; i++) lrs[i] = scales[i - 1]! * schedule.scheduleWithShared(i - 1, local, shared);
    } else {
      for (let i = 1; i < lrs.length; i++) {
        const schedule = schedules[i - 1]!;
        const local = starts[i - 1]! + t;
        lrs[i] = scales[i - 1]! * schedule.scheduleWithShared(i - 1, local, schedule.sharedScheduleAt(local));
      }
    }
    lrs[0] = t;
    return 0;
  }

  protected override lrWithShared(i: number, t: number, _shared: number): number {
    const lrs = this.resolved.lrs;
    return lrs[0] === t ? lrs[i + 1]! : this.lrAt(i, t);
  }
}
