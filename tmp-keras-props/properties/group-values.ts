/** What a schedule writes into a param group, read back for bit-for-bit comparisons. */
import type { Optimizer } from "../../src/index.js";

/** Every scheduled value of every group: lr, momentum, betas and weight decay (absent ones as undefined). */
export function groupValues(optimizer: Optimizer): unknown[][] {
  return optimizer.paramGroups.map((g) => [g.lr, g.momentum, g.betas?.[0], g.betas?.[1], g.weightDecay]);
}

/** The numbers among `groupValues`, for finiteness checks. */
export function scheduledNumbers(optimizer: Optimizer): number[] {
  return groupValues(optimizer)
    .flat()
    .filter((v): v is number => typeof v === "number");
}
