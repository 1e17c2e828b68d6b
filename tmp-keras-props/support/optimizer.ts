import type { Optimizer } from "../../src/index.js";

/** An SGD-like optimizer with one group per lr. */
export function sgd(...lrs: number[]): Optimizer {
  return { paramGroups: lrs.map((lr) => ({ lr, momentum: 0.9, weightDecay: 0 })), defaults: { lr: lrs[0], momentum: 0.9 } };
}

/** An Adam-like optimizer with one group per lr. */
export function adam(...lrs: number[]): Optimizer {
  return { paramGroups: lrs.map((lr) => ({ lr, betas: [0.9, 0.999], weightDecay: 0 })), defaults: { lr: lrs[0], betas: [0.9, 0.999] } };
}

/** Runs `fn` and returns what it threw (fails the test when nothing was thrown). */
export function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected an error, none was thrown");
}
