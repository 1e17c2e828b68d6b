/**
 * Long runs do not drift: after 10,000,000 steps of a cosine schedule every value written into the
 * group is within 1e-12 of the closed form evaluated directly at that step (no accumulated error,
 * since each step evaluates the closed form instead of updating the previous lr).
 */
import { describe, expect, it } from "vitest";
import { CosineAnnealingLR, WithWarmup } from "../../src/index.js";
import { sgd } from "../support/optimizer.js";

const STEPS = 10_000_000;

describe("no drift over 10M steps", () => {
  it("CosineAnnealingLR with warm-up stays within 1e-12 of the closed form at every step", () => {
    const base = 0.1;
    const etaMin = 1e-5;
    const tMax = 2_500_000;
    const warmup = 1000;
    const optimizer = sgd(base);
    const cosine = new CosineAnnealingLR(optimizer, { tMax, etaMin });
    const scheduler = new WithWarmup(optimizer, { schedule: cosine, warmupSteps: warmup });
    const group = optimizer.paramGroups[0]!;
    let worst = 0;
    let worstStep = 0;
    for (let t = 1; t <= STEPS; t++) {
      scheduler.step();
      const direct = t < warmup ? (base * t) / warmup : etaMin + ((base - etaMin) * (1 + Math.cos((Math.PI * (t - warmup)) / tMax))) / 2;
      const error = Math.abs(group.lr - direct);
      if (error > worst) {
        worst = error;
        worstStep = t;
      }
    }
    expect(scheduler.lastEpoch).toBe(STEPS);
    expect(worst, `worst at step ${worstStep}`).toBeLessThanOrEqual(1e-12);
  });
});
