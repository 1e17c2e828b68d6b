import type { Optimizer } from "../../core/optimizer.js";
import { listOf, nonNegativeInt, num, lazySchema } from "../../core/schema.js";
import type { StateReader } from "../../core/state.js";
import * as z from "zod/mini";
import { TorchScheduler, torchCommonOptions, type TorchCommonOptions } from "./base.js";

export interface MultiStepLROptions extends TorchCommonOptions {
  /** Steps at which the lr is multiplied by `gamma`; any order, and a step listed twice decays twice. */
  milestones: number[];
  /** Multiplicative decay per milestone passed. Default 0.1. */
  gamma?: number;
}

interface MultiStepResolved {
  /** The milestones sorted, repeats kept. */
  sorted: number[];
}

/**
 * PyTorch's `MultiStepLR`: `lr = base_lr * gamma ** (number of milestones <= t)`. The milestones are a
 * multiset (PyTorch keeps a `Counter`), so `[10, 10]` decays by `gamma ** 2` at step 10.
 * @example
 * const scheduler = new MultiStepLR(optimizer, { milestones: [30, 80], gamma: 0.1 });
 */
export class MultiStepLR extends TorchScheduler<MultiStepLROptions, MultiStepResolved> {
  static readonly schedulerType = "MultiStepLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => z.strictObject({
    milestones: listOf(nonNegativeInt(), "a list of integers >= 0"),
    gamma: z.optional(num()),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: MultiStepLROptions) {
    super(optimizer, options);
  }

  protected override resolve(options: MultiStepLROptions): MultiStepResolved {
    return { sorted: [...options.milestones].sort((a, b) => a - b) };
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** The decay factor, the same for every group: computed once per step. */
  protected override sharedAt(t: number): number {
    return (this.options.gamma ?? 0.1) ** countAtMost(this.resolved.sorted, t);
  }

  protected override lrWithShared(i: number, _t: number, factor: number): number {
    return this.baseLrs[i]! * factor;
  }

  /** PyTorch saves the milestones as a Counter, `{"30": 1, "80": 2}`: expanded back into a list. */
  protected override referenceOptions(reader: StateReader): Record<string, unknown> {
    const options = super.referenceOptions(reader);
    const counter = options.milestones;
    if (typeof counter === "object" && counter !== null && !Array.isArray(counter)) {
      const list: number[] = [];
      for (const [key, count] of Object.entries(counter)) {
        if (!/^\d+$/.test(key) || !Number.isInteger(count) || (count as number) < 0) {
          reader.fail("milestones", 'a list of milestones or a Counter {"<step>": <count>, ...}', counter);
        }
        for (let k = 0; k < (count as number); k++) list.push(Number(key));
      }
      options.milestones = list;
    }
    return options;
  }
}

/** How many entries of the sorted list are <= t (Python's bisect_right). */
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
