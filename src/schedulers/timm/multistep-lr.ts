import type { SchedulerOptions } from "../../core/define.js";
import { listOf, num } from "../../core/schema.js";
import { decaySchedulerClass } from "./decay-form.js";
import { bisectRight } from "./python.js";

/**
 * timm's `MultiStepLRScheduler`: `base * decay_rate ** bisect_right(decay_t, t + 1)`, the number of
 * milestones `<= t + 1`, so **each decay lands one step before its milestone** (milestone 10 from
 * t = 9); a milestone listed twice counts twice. The warmup is a prefix by default.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new MultiStepLRScheduler(optimizer, { decayT: [30, 60], decayRate: 0.1 });
 * for (let epoch = 0; epoch < 90; epoch++) scheduler.step(epoch + 1);
 */
export const MultiStepLRScheduler = /* @__PURE__ */ decaySchedulerClass({
  type: "MultiStepLRScheduler",
  /** The milestones (timm assumes them sorted and bisects the list as given). */
  decayT: () => listOf(num(), "a list of numbers (the milestones)"),
  decays: (milestones, t) => bisectRight(milestones, t + 1),
});

export type MultiStepLRScheduler = InstanceType<typeof MultiStepLRScheduler>;
export type MultiStepLRSchedulerOptions = SchedulerOptions<typeof MultiStepLRScheduler>;
