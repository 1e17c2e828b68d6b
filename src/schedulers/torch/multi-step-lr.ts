import { torchEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { StateReader } from "../../core/state.js";
import { int, listOf, num, withDefault } from "../../core/schema.js";
import type { ConvertedReference } from "../../core/reference.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";
import { powerBySteps } from "../shared/power-by-steps.js";

/** The most repeats of one milestone a PyTorch `Counter` may carry on load (each repeat is a list entry). */
export const MAX_MILESTONE_REPEATS = 1000;

/** How many entries of the sorted list are <= t (Python's `bisect_right`). */
function countAtMost(sorted: readonly number[], t: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * PyTorch's `state_dict()` keeps the milestones as a `Counter`, `{"30": 1, "80": 2}`: expanded back into
 * a sorted list. A count is bounded (at most `MAX_MILESTONE_REPEATS`), so the load is bounded by the dict's size.
 */
function readMilestoneCounter(dict: Readonly<Record<string, unknown>>, reader: StateReader): ConvertedReference {
  const counter = dict.milestones;
  if (typeof counter !== "object" || counter === null || Array.isArray(counter)) return { consumed: [] };
  const expected = `a list of milestones or a Counter {"<step>": <count>, ...} with counts from 0 to ${MAX_MILESTONE_REPEATS}`;
  const list: number[] = [];
  for (const [key, count] of Object.entries(counter as Record<string, unknown>)) {
    const ok = /^-?\d+$/.test(key) && typeof count === "number" && Number.isInteger(count) && count >= 0 && count <= MAX_MILESTONE_REPEATS;
    if (!ok) reader.fail("milestones", expected, counter);
    for (let k = 0; k < (count as number); k++) list.push(Number(key));
  }
  return { options: { milestones: list.sort((a, b) => a - b) }, consumed: [] };
}

/**
 * PyTorch's `MultiStepLR`: `lr = base_lr * gamma ** (number of milestones <= t)`. The milestones are a
 * multiset (PyTorch keeps a `Counter`), so `[10, 10]` decays by `gamma ** 2` at step 10; any order.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.05 }] };
 * const scheduler = new MultiStepLR(optimizer, { milestones: [30, 80], gamma: 0.1 });
 * for (let epoch = 0; epoch < 100; epoch++) scheduler.step();
 */
export const MultiStepLR = /* @__PURE__ */ defineSchedule({
  type: "MultiStepLR",
  family: "torch",
  counter: torchEpochs,
  options: () => ({
    /** Steps at which the lr is multiplied by `gamma`; any order, and a step listed twice decays twice. */
    milestones: listOf(int(), "a list of integers"),
    /** Multiplicative decay per milestone passed. */
    gamma: withDefault(num(), 0.1),
    ...lastEpochOption(),
  }),
  build: ({ milestones, gamma }) => {
    // PyTorch decays when its step counter, which starts at 0, lands on a milestone: a negative one is never reached.
    const sorted = milestones.filter((m) => m >= 0).sort((a, b) => a - b);
    const power = powerBySteps(gamma); // gamma ** k, recomputed when k changes
    return { shape: (t) => power(countAtMost(sorted, t)) };
  },
  // PyTorch's step multiplies the current lr: with another scheduler on the optimizer, both act.
  chainable: () => true,
  reference: /* @__PURE__ */ torchDialect({ required: ["milestones"], convert: readMilestoneCounter }),
});

export type MultiStepLR = InstanceType<typeof MultiStepLR>;
export type MultiStepLROptions = SchedulerOptions<typeof MultiStepLR>;
