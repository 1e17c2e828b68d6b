import { product } from "../../core/compose.js";
import { torchEpochs, type Counter } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { LRScheduler } from "../../core/engine.js";
import { schedulerList } from "../../core/schema.js";
import { TORCH_BOOKKEEPING } from "../shared/torch-options.js";

/** The chain has no counter of its own: it starts where its sub-schedulers stand (they already took their first step). */
const chainCounter: Counter<{ schedulers: readonly LRScheduler[] }> = {
  ...torchEpochs,
  start: (o) => o.schedulers[0]!.lastEpoch,
  fresh: () => true,
};

/**
 * PyTorch's `ChainedScheduler`: every sub-scheduler acts on every step. PyTorch gets there by letting
 * each one multiply the current lr in turn; here the closed form is the product of each
 * sub-schedule's factor at the same step, `lr = base * prod(child(t) / child.base)`, which is the same
 * number for every chainable PyTorch schedule and for an absolute one (CyclicLR, OneCycleLR, LambdaLR)
 * placed first. The base is the first sub-scheduler's; every sub-scheduler's counter follows the chain's.
 * @example
 * const chained = new ChainedScheduler(optimizer, {
 *   schedulers: [new ConstantLR(optimizer, { factor: 0.1, totalIters: 2 }), new ExponentialLR(optimizer, { gamma: 0.9 })],
 * });
 */
export const ChainedScheduler = /* @__PURE__ */ defineSchedule({
  type: "ChainedScheduler",
  family: "torch",
  counter: chainCounter as Counter,
  options: () => ({
    /** The schedulers whose factors multiply, built on the same optimizer. */
    schedulers: schedulerList(),
  }),
  children: (o) => o.schedulers as readonly LRScheduler[],
  childOptions: ["schedulers"],
  build: (_o, { children, groups }) => ({
    ...product(
      children.map((c) => ({ form: c.form, baseLrs: c.baseLrs, child: c.scheduler, name: c.type })),
      children[0]!.baseLrs,
      groups.length,
    ),
    baseLrs: children[0]!.baseLrs,
  }),
  reference: {
    // PyTorch's dict has only `_schedulers` (and `_last_lr`): the counter is the sub-schedulers'.
    counter: [],
    lastLr: "_last_lr",
    children: "_schedulers",
    ignored: /* @__PURE__ */ (TORCH_BOOKKEEPING as readonly string[]).concat("_optimizer"),
    convert: (dict) => {
      const first = Array.isArray(dict._schedulers) ? (dict._schedulers[0] as { last_epoch?: unknown } | undefined) : undefined;
      return typeof first?.last_epoch === "number" ? { lastEpoch: first.last_epoch, consumed: [] } : { consumed: [] };
    },
  },
});

export type ChainedScheduler = InstanceType<typeof ChainedScheduler>;
export type ChainedSchedulerOptions = SchedulerOptions<typeof ChainedScheduler>;
