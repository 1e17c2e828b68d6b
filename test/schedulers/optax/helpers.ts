import { expect } from "vitest";
import { createScheduler, onWarning, type LRScheduler, type Optimizer } from "../../../src/index.js";

/** Two groups with different lrs: an optax schedule gives both the same value, whatever their own. */
export const groups = (): Optimizer => ({ paramGroups: [{ lr: 0.5 }, { lr: 0.25 }] });

/** Every group's lr right after construction (count 0) and after each of `steps` step() calls. */
export function run(scheduler: LRScheduler, steps: number): number[] {
  const lrs = [scheduler.optimizer.paramGroups[0]!.lr];
  for (let k = 0; k < steps; k++) {
    scheduler.step();
    const [first, ...rest] = scheduler.optimizer.paramGroups.map((g) => g.lr);
    for (const lr of rest) expect(lr).toBe(first);
    lrs.push(first!);
  }
  return lrs;
}

/** The values of `{ type, params }` at counts 0 .. steps, by stepping a fresh scheduler. */
export function values(type: string, params: Record<string, unknown>, steps: number): number[] {
  return run(createScheduler(groups(), { type, params }), steps);
}

/** Asserts `actual[k]` is within `tolerance` of `expected[k]` for every k, with the same length. */
export function expectClose(actual: readonly number[], expected: readonly number[], tolerance = 1e-12): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, k) => {
    if (!(Math.abs(v - expected[k]!) <= tolerance)) expect.fail(`at count ${k}: ${v}, expected ${expected[k]} (within ${tolerance})`);
  });
}

/** The warnings (`type:code`) raised while `fn` runs. */
export function warningsOf(fn: () => unknown): string[] {
  const seen: string[] = [];
  const stop = onWarning((w) => seen.push(`${w.schedulerType}:${w.code}`));
  try {
    fn();
  } finally {
    stop();
  }
  return seen;
}

export const range = (n: number) => Array.from({ length: n }, (_, k) => k);
