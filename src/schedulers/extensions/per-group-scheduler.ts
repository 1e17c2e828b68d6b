import { perGroup } from "../../core/compose.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { LRScheduler } from "../../core/engine.js";
import * as z from "zod/mini";
import { expandPerGroup } from "../../core/options.js";
import { perGroup as perGroupValue, positiveNumber, schedulerList } from "../../core/schema.js";
import { extensionSteps } from "./counter.js";

/**
 * Drives each param group with its own schedule, and scales each group's lr by its own multiplier:
 * `lr_i(t) = lrScale_i × schedules[i](t)`. Only the lr is written (the sub-schedules' momentum or
 * weight decay would apply to every group, so they are not).
 * @example
 * const backbone = new CosineAnnealingLR(optimizer, { tMax: 100 });
 * const head = new StepLR(optimizer, { stepSize: 30 });
 * const scheduler = new PerGroupScheduler(optimizer, { schedules: [backbone, head] });
 */
export const PerGroupScheduler = /* @__PURE__ */ defineSchedule({
  type: "PerGroupScheduler",
  family: "extensions",
  counter: extensionSteps,
  options: () => ({
    /** One schedule per param group (group i follows schedules[i]), or a single one for every group. */
    schedules: schedulerList(),
    /** Multiplier of each group's lr (timm's `lr_scale`): one value, or one per group. Default: each group's `lrScale` key, else 1. */
    lrScale: z.optional(perGroupValue(positiveNumber(), "a finite number > 0")),
  }),
  children: (o) => o.schedules as readonly LRScheduler[],
  childOptions: ["schedules"],
  build({ schedules, lrScale }, { children, groups, fail, failOptimizer }) {
    if (schedules.length !== 1 && schedules.length !== groups.length) {
      return fail("schedules", schedules.map((s) => (s as LRScheduler).type), `one schedule, or ${groups.length} (one per param group)`);
    }
    let scales: number[] | undefined;
    if (lrScale !== undefined) {
      scales = expandPerGroup(lrScale, groups.length);
      if (scales === undefined) return fail("lrScale", lrScale, `a single value or a list of ${groups.length} values (one per param group)`);
    } else {
      scales = groups.map((g) => (g.lrScale === undefined ? 1 : (g.lrScale as number)));
      const bad = scales.findIndex((s) => typeof s !== "number" || !Number.isFinite(s) || s <= 0);
      if (bad >= 0) return failOptimizer(`paramGroups[${bad}].lrScale`, scales[bad], "a finite number > 0 (the group's lr multiplier), or absent");
    }
    const form = perGroup(
      children.map((c) => ({ form: c.form, start: c.start, child: c.scheduler, name: c.type })),
      scales,
    );
    return { ...form, baseLrs: groups.map((_, i) => children[children.length === 1 ? 0 : i]!.baseLrs[i]!) };
  },
});

export type PerGroupScheduler = InstanceType<typeof PerGroupScheduler>;
export type PerGroupSchedulerOptions = SchedulerOptions<typeof PerGroupScheduler>;
