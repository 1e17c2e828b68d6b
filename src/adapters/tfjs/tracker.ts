/**
 * What the TF.js adapter's pieces share per optimizer view: the scheduler that steps with its updates
 * (scheduleOptimizer, lrSchedulerCallback), so that a plateau put on later knows whose values its
 * cuts multiply, and the lr of the latest update, which every callback writes into the epoch logs as
 * `lr` whatever order the callbacks run in.
 */
import type { LRScheduler, Optimizer } from "../../index.js";

/** A scheduler and who steps it with the optimizer's updates. */
export interface Driver {
  readonly scheduler: LRScheduler;
  readonly by: "scheduleOptimizer" | "lrSchedulerCallback";
}

interface Tracker {
  /** The lr of the latest update (NaN before any). */
  lr: number;
  /** A scheduleOptimizer hook records every update's lr as it happens; the callbacks then only read it. */
  exact: boolean;
  /** The batch logs in which the latest update's lr was taken (a callback that steps at batch end). */
  batchLogs: object | undefined;
  /** Whether it was taken at a batch end since the last epoch end. */
  takenAtBatchEnd: boolean;
  /** The epoch logs of the last epoch end seen. */
  epochLogs: object | undefined;
  driver: Driver | undefined;
  /** Steps callbacks owe for updates already made, taken at the first epoch-end hook so that every callback there sees the same lr. */
  owed: Set<() => void>;
}

const trackers = new WeakMap<Optimizer, Tracker>();

function trackerOf(optimizer: Optimizer): Tracker {
  let tracker = trackers.get(optimizer);
  if (tracker === undefined) {
    tracker = { lr: NaN, exact: false, batchLogs: undefined, takenAtBatchEnd: false, epochLogs: undefined, driver: undefined, owed: new Set() };
    trackers.set(optimizer, tracker);
  }
  return tracker;
}

const lrOf = (optimizer: Optimizer): number => optimizer.paramGroups[0]!.lr;

/** The scheduler that steps with this optimizer's updates, if one does. */
export function driverOf(optimizer: Optimizer): Driver | undefined {
  return trackers.get(optimizer)?.driver;
}

export function setDriver(optimizer: Optimizer, driver: Driver | undefined): void {
  trackerOf(optimizer).driver = driver;
}

/** A scheduleOptimizer hook, right before an update: the lr that update uses. */
export function recordUpdate(optimizer: Optimizer): void {
  const tracker = trackerOf(optimizer);
  tracker.lr = lrOf(optimizer);
  tracker.exact = true;
}

/** A scheduleOptimizer hook was taken off: the callbacks take the lrs themselves again. */
export function stopRecording(optimizer: Optimizer): void {
  trackerOf(optimizer).exact = false;
}

/**
 * Called by a callback at a batch end before it changes anything: the first one to see these logs
 * takes the lr of the update just made, then the steps owed for it (as at an epoch end).
 */
export function atBatchEnd(optimizer: Optimizer, logs: object | undefined): void {
  const tracker = trackerOf(optimizer);
  if (logs === undefined || tracker.batchLogs === logs) return;
  tracker.batchLogs = logs;
  if (!tracker.exact) tracker.lr = lrOf(optimizer);
  tracker.takenAtBatchEnd = true;
  for (const take of tracker.owed) take();
}

/**
 * Called by a callback at an epoch end before it changes anything; returns the lr of the epoch's
 * last update. The first callback to see these logs takes it (unless it was taken as the update
 * happened, or at its batch end: no callback of this adapter changes the lr between an update and
 * the next batch end or epoch end), then takes every step the callbacks owe for the updates made:
 * whatever their order, the callbacks after it see the optimizer as a scheduleOptimizer hook leaves
 * it, holding the next update's values.
 */
export function atEpochEnd(optimizer: Optimizer, logs: object | undefined): number {
  const tracker = trackerOf(optimizer);
  if (logs === undefined || tracker.epochLogs !== logs) {
    tracker.epochLogs = logs;
    if (!tracker.exact && !tracker.takenAtBatchEnd) tracker.lr = lrOf(optimizer);
    tracker.takenAtBatchEnd = false;
    for (const take of tracker.owed) take();
  }
  return tracker.lr;
}

const owed = new WeakMap<LRScheduler, () => void>();

/** A callback that takes a scheduler's step for an update later (at the next batch begin) says how to take it now. */
export function setOwedStep(scheduler: LRScheduler, take: () => void): void {
  const previous = owed.get(scheduler);
  const tracker = trackerOf(scheduler.optimizer);
  if (previous) tracker.owed.delete(previous);
  owed.set(scheduler, take);
  tracker.owed.add(take);
}

/** Takes the step a callback owes `scheduler` for an update already made, if it owes one (before its state is saved). */
export function takeOwedStep(scheduler: LRScheduler): void {
  owed.get(scheduler)?.();
}
