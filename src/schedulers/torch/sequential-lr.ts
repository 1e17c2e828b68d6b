import { sequence } from "../../core/compose.js";
import { torchEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { LRScheduler } from "../../core/engine.js";
import { listOf, nonNegativeInt, schedulerList } from "../../core/schema.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";

/**
 * PyTorch's `SequentialLR`: sub-scheduler k runs from milestone k-1 on its own clock restarted at 0
 * (PyTorch evaluates it in closed form at epoch 0 at the milestone, then chains from there, which is
 * the same schedule): `lr(t) = schedulers[k](t - milestones[k-1])`, `k = bisect_right(milestones, t)`.
 * Each sub-scheduler's `lastEpoch` and `getLastLr()` follow as PyTorch's do: the active one counts its
 * own steps, the ones not started yet stay at -1, the finished ones keep their last values.
 * @example
 * const warmup = new LinearLR(optimizer, { startFactor: 0.1, totalIters: 10 });
 * const cosine = new CosineAnnealingLR(optimizer, { tMax: 90 });
 * const scheduler = new SequentialLR(optimizer, { schedulers: [warmup, cosine], milestones: [10] });
 */
export const SequentialLR = /* @__PURE__ */ defineSchedule({
  type: "SequentialLR",
  family: "torch",
  counter: torchEpochs,
  options: () => ({
    /** The schedulers to run one after the other, built on the same optimizer. */
    schedulers: schedulerList(),
    /** Steps at which the next sub-scheduler takes over; one fewer than `schedulers`, non-decreasing. */
    milestones: listOf(nonNegativeInt(), "a list of integers >= 0"),
    ...lastEpochOption(),
  }),
  children: (o) => o.schedulers as readonly LRScheduler[],
  childOptions: ["schedulers"],
  build({ schedulers, milestones }, { children, groups, fail }) {
    if (milestones.length !== schedulers.length - 1) {
      return fail("milestones", milestones, `a list of ${schedulers.length - 1} steps (one fewer than the ${schedulers.length} schedulers)`);
    }
    // PyTorch's bisect_right over unsorted milestones has no closed form; sorted ones are what it documents.
    if (milestones.some((m, k) => k > 0 && m < milestones[k - 1]!)) return fail("milestones", milestones, "in non-decreasing order");
    const form = sequence(
      children.map((c) => ({ form: c.form, start: c.start, child: c.scheduler, name: c.type })),
      milestones,
      groups.length,
    );
    // A sub-scheduler not started yet reports PyTorch's -1 (its counter wound back by one at construction).
    const waiting = (k: number, t: number) => k > 0 && t < milestones[k - 1]!;
    const clocks = form.childClocks!.map((clock, k) => ({
      child: clock.child,
      at: (t: number) => clock.at(t) ?? (waiting(k, t) ? children[k]!.start - 1 : undefined),
      takesLr: (t: number) => !waiting(k, t),
    }));
    return { ...form, childClocks: clocks };
  },
  reference: /* @__PURE__ */ torchDialect({
    baseLrs: undefined,
    options: { milestones: ["_milestones"] },
    optionsByName: { except: ["lastEpoch", "milestones", "schedulers"] },
    children: "_schedulers",
  }),
});

export type SequentialLR = InstanceType<typeof SequentialLR>;
export type SequentialLROptions = SchedulerOptions<typeof SequentialLR>;
