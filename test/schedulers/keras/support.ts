import { expect } from "vitest";
import type { LRScheduler, Optimizer } from "../../../src/index.js";

/** A Keras optimizer has one learning rate: groups need no lr of their own. */
export function groups(count = 1): Optimizer {
  return { paramGroups: Array.from({ length: count }, () => ({}) as Optimizer["paramGroups"][number]) };
}

/** The lr the schedule writes at step count `k` (`step(k)` sets the count). */
export function at(scheduler: LRScheduler, k: number): number {
  scheduler.step(k);
  return scheduler.optimizer.paramGroups[0]!.lr;
}

/** Equal within a few ulps (float64 expectations for Keras' own tests, which use 1e-6 in float32). */
export function expectClose(actual: number, expected: number, rel = 1e-13): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(rel * Math.max(Math.abs(expected), 1e-300));
}
