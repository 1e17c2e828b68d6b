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
  /** The decay factor of the steps in [from, until), the last interval looked up. */
  decay: MilestoneMemo;
}

/**
 * PyTorch's `MultiStepLR`: `lr = base_lr * gamma ** (number of milestones <= t)`. The milestones are a
 * multiset (PyTorch keeps a `Counter`), so `[10, 10]` decays by `gamma ** 2` at step 10.
 * @example
 * const scheduler = new MultiStepLR(optimizer, { milestones: [30, 80], gamma: 0.1 });
 */
export class MultiStepLR extends TorchScheduler<MultiStepLROptions, MultiStepResolved> {
  static readonly schedulerType = "MultiStepLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    milestones: listOf(nonNegativeInt(), "a list of integers >= 0"),
    gamma: z.optional(num()),
    ...torchCommonOptions,
  }));

  constructor(optimizer: Optimizer, options: MultiStepLROptions) {
    super(optimizer, options);
  }

  protected override resolve(options: MultiStepLROptions): MultiStepResolved {
    const sorted = [...options.milestones].sort((a, b) => a - b);
    return { sorted, decay: new MilestoneMemo(sorted, options.gamma ?? 0.1) };
  }

  protected lrAt(i: number, t: number): number {
    return this.lrWithShared(i, t, this.sharedAt(t));
  }

  /** The decay factor, the same for every group: computed once per step. */
  protected override sharedAt(t: number): number {
    return this.resolved.decay.at(t);
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

/**
 * `gamma ** (milestones <= t)`, looked up again only when `t` leaves the interval between the
 * milestones around the last lookup: the count is the same anywhere inside it, and so is the
 * power (the same expression, bit-identical), so a step costs two comparisons.
 */
class MilestoneMemo {
  /** NaN bounds: nothing looked up yet (every comparison with NaN fails). */
  private from = Number.NaN;
  private until = Number.NaN;
  private value = Number.NaN;

  constructor(
    private readonly sorted: readonly number[],
    private readonly gamma: number,
  ) {}

  at(t: number): number {
    if (!(t >= this.from && t < this.until)) this.lookUp(t);
    return this.value;
  }

  /** Kept out of `at`, so that the comparison alone is inlined into the step. */
  private lookUp(t: number): void {
    const sorted = this.sorted;
    const k = countAtMost(sorted, t);
    this.from = k > 0 ? sorted[k - 1]! : -Infinity;
    this.until = k < sorted.length ? sorted[k]! : Infinity;
    this.value = this.gamma ** k;
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
