// Test helpers shared by the Hugging Face, BioNeMo and SambaFlow schedule tests.
import { expect } from "vitest";
import type { LRScheduler, Optimizer } from "../../../src/index.js";

/** Group `group`'s lr right after construction and after each of `steps` step() calls. */
export function lrTrace(optimizer: Optimizer, scheduler: LRScheduler, steps: number, group = 0): number[] {
  const lrs = [optimizer.paramGroups[group]!.lr];
  for (let k = 0; k < steps; k++) {
    scheduler.step();
    lrs.push(optimizer.paramGroups[group]!.lr);
  }
  return lrs;
}

/** Asserts two lists of numbers agree to 1e-12 (absolute; the lrs here are of order 1). */
export function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) => expect(a, `entry ${i} of ${JSON.stringify(actual)}`).toBeCloseTo(expected[i]!, 12));
}

/** JSON round trip, as a checkpoint would do it. */
export function viaJson<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value));
}
