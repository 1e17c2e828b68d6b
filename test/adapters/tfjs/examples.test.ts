import { describe, expect, it } from "vitest";
import { run as runCustomOptimizer } from "../../../examples/custom-optimizer.js";
import { run as runTfjsFit } from "../../../examples/tfjs-fit.js";
import { run as runKerasCosine } from "../../../examples/tfjs-keras-cosine.js";

describe("examples", () => {
  it("tfjs-fit.ts trains with OneCycleLR: warm-up to max_lr, anneal to ~0, loss falls", async () => {
    const { lrs, loss, epochLr, state } = await runTfjsFit();
    expect(lrs).toHaveLength(24);
    expect(lrs[0]).toBeCloseTo(0.5 / 25, 12);
    expect(Math.max(...lrs)).toBeCloseTo(0.5, 2);
    expect(lrs.indexOf(Math.max(...lrs))).toBe(6); // the peak near 30% of 24 steps
    expect(lrs[23]).toBeLessThan(1e-5);
    expect(epochLr).toEqual([3, 7, 11, 15, 19, 23].map((i) => lrs[i]));
    expect(loss[5]!).toBeLessThan(loss[0]! / 10);
    expect(state.lastEpoch).toBe(24);
  });

  it("tfjs-keras-cosine.ts: Keras' CosineDecay with warmup per update, ReduceLROnPlateau's cuts on top", async () => {
    const { epochLr, cuts, updates, scheduleAt, loss } = await runKerasCosine();
    expect(updates).toBe(64);
    expect(scheduleAt(0)).toBe(0.002);
    expect(scheduleAt(8)).toBeCloseTo(0.05, 15);
    // Each epoch's lr is the cosine's value at its last update times the cuts so far: halvings, never undone.
    cuts.forEach((c, e) => expect(Math.log2(c)).toBeCloseTo(Math.round(Math.log2(c)), 9));
    expect(cuts.every((c, e) => e === 0 || c <= cuts[e - 1]!)).toBe(true);
    expect(cuts.at(-1)).toBeLessThan(1);
    epochLr.forEach((lr, e) => expect(lr).toBeCloseTo(scheduleAt(4 * e + 3) * cuts[e]!, 15));
    expect(loss.at(-1)!).toBeLessThan(loss[0]! / 4);
  });

  it("custom-optimizer.ts: a hand-written optimizer follows CosineAnnealingLR and converges", () => {
    const { trace, state } = runCustomOptimizer();
    expect(trace).toHaveLength(20);
    trace.forEach(({ step, lr }) => expect(lr).toBeCloseTo(0.001 + ((0.2 - 0.001) * (1 + Math.cos((Math.PI * step) / 20))) / 2, 12));
    expect(trace.at(-1)!.w).toBeCloseTo(3, 1);
    expect(state.type).toBe("CosineAnnealingLR");
  });
});
