import { describe, expect, it } from "vitest";
import { run as runCustomOptimizer } from "../../../examples/custom-optimizer.js";
import { run as runTfjsFit } from "../../../examples/tfjs-fit.js";

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

  it("custom-optimizer.ts: a hand-written optimizer follows CosineAnnealingLR and converges", () => {
    const { trace, state } = runCustomOptimizer();
    expect(trace).toHaveLength(20);
    trace.forEach(({ step, lr }) => expect(lr).toBeCloseTo(0.001 + ((0.2 - 0.001) * (1 + Math.cos((Math.PI * step) / 20))) / 2, 12));
    expect(trace.at(-1)!.w).toBeCloseTo(3, 1);
    expect(state.type).toBe("CosineAnnealingLR");
  });
});
