import { describe, expect, it } from "vitest";
import { WarmupCosineLR } from "../../../src/index.js";
import { sgd } from "../../support/optimizer.js";
import { itRefuses } from "./refusals.js";

const options = { totalNumSteps: 30, warmupNumSteps: 10, warmupType: "linear", cosMinRatio: 0.1 } as const;

describe("WarmupCosineLR", () => {
  it("sets only the first group to 0 at construction, as DeepSpeed does; the others keep their lr until the first step", () => {
    const optimizer = sgd(0.001, 0.0001);
    const scheduler = new WarmupCosineLR(optimizer, options);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0, 0.0001]);
    scheduler.step();
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0, 0]);
  });

  it("scales each group's own lr by the warmup ratio, then by the cosine ratio starting one step in", () => {
    const optimizer = sgd(2, 4);
    const scheduler = new WarmupCosineLR(optimizer, { ...options, warmupMinRatio: 0.5 });
    scheduler.step(5);
    // 0.5 + 0.5 * 5/10
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([1.5, 3]);
    scheduler.step(10);
    // s = 1 of 20: 0.1 + 0.9 * (1 + cos(pi/20)) / 2: the peak ratio 1 is never reached
    const ratio = 0.1 + 0.9 * ((1 + Math.cos(Math.PI / 20)) / 2);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(2 * ratio, 15);
    expect(optimizer.paramGroups[1]!.lr).toBeCloseTo(4 * ratio, 15);
    scheduler.step(29);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.2, 15);
  });

  it("does not clamp past totalNumSteps: the cosine comes back up, as in DeepSpeed", () => {
    const optimizer = sgd(1);
    const scheduler = new WarmupCosineLR(optimizer, options);
    scheduler.step(39);
    // s = 30 of 20: (1 + cos(1.5 pi)) / 2 = 0.5
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.55, 15);
    scheduler.step(49);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(1, 15);
  });

  it("warms up logarithmically by default and takes one warmup_min_ratio per group", () => {
    const optimizer = sgd(1, 1);
    const scheduler = new WarmupCosineLR(optimizer, { totalNumSteps: 500, warmupNumSteps: 50, warmupMinRatio: [0, 0.2] });
    scheduler.step(1);
    const w = Math.log(2) / Math.log(50);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(w, 15);
    expect(optimizer.paramGroups[1]!.lr).toBeCloseTo(0.2 + 0.8 * w, 15);
  });

  it("keeps the lrs it was built from across a JSON resume into a fresh optimizer", () => {
    const first = new WarmupCosineLR(sgd(2), options);
    first.step(15);
    const optimizer = sgd(2);
    const resumed = new WarmupCosineLR(optimizer, options);
    resumed.loadStateDict(JSON.parse(JSON.stringify(first.stateDict())));
    expect(optimizer.paramGroups[0]!.lr).toBe(first.optimizer.paramGroups[0]!.lr);
  });

  itRefuses(WarmupCosineLR, () => sgd(1, 1), [
    [{ warmup_num_steps: 10 }, "total_num_steps"],
    [{ total_num_steps: 20, warmup_num_steps: 20 }, "total_num_steps"],
    [{ total_num_steps: 2, warmup_num_steps: 1 }, "total_num_steps"],
    [{ totalNumSteps: 10, warmupNumSteps: 20 }, "totalNumSteps"],
    [{ ...options, warmupType: "exp" }, "warmupType"],
    [{ total_num_steps: 100, warmup_num_steps: 10, warmup_type: "exp" }, "warmup_type"],
    [{ total_num_steps: 100, warmup_num_steps: 10, warmup_min_ratio: [0.1] }, "warmup_min_ratio"],
    [{ ...options, warmupMinRatio: 1.5 }, "warmupMinRatio"],
    [{ ...options, warmupMinRatio: [0, 0, 0] }, "warmupMinRatio"],
    [{ ...options, cosMinRatio: -0.1 }, "cosMinRatio"],
    [{ ...options, cosMinRatio: [0.1, 0.1] }, "cosMinRatio"],
    [{ ...options, warmupMinLr: 0 }, "warmupMinLr"],
  ]);
});
