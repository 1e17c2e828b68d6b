import { describe, expect, it } from "vitest";
import { WarmupDecayLR } from "../../../src/index.js";
import { sgd } from "../../support/optimizer.js";
import { itRefuses } from "./refusals.js";

describe("WarmupDecayLR", () => {
  it("warms up, then decays linearly to warmup_min_lr at total_num_steps and stays there", () => {
    const optimizer = sgd(0.1);
    const scheduler = new WarmupDecayLR(optimizer, { totalNumSteps: 20, warmupMinLr: 0, warmupMaxLr: 0.01, warmupNumSteps: 10, warmupType: "linear" });
    const lrs = [0, 5, 10, 15, 20, 30].map((it) => {
      scheduler.step(it);
      return optimizer.paramGroups[0]!.lr;
    });
    expect(lrs).toEqual([0, 0.005, 0.01, 0.005, 0, 0]);
  });

  it("decays over max(1, total - n) when total equals the warmup", () => {
    const optimizer = sgd(0.1);
    const scheduler = new WarmupDecayLR(optimizer, { totalNumSteps: 10, warmupMaxLr: 0.01, warmupNumSteps: 10, warmupType: "linear" });
    scheduler.step(9);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.009, 17);
    scheduler.step(10);
    expect(optimizer.paramGroups[0]!.lr).toBe(0);
  });

  it("keeps the log warmup of WarmupLR, per group", () => {
    const optimizer = sgd(0.1, 0.1);
    const scheduler = new WarmupDecayLR(optimizer, { totalNumSteps: 1000, warmupMaxLr: [0.0003, 0.0006], warmupNumSteps: 100 });
    scheduler.step(1);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.0003 * (Math.log(2) / Math.log(100)), 18);
    scheduler.step(550);
    expect(optimizer.paramGroups[1]!.lr).toBeCloseTo(0.0006 * (450 / 900), 18);
  });

  itRefuses(WarmupDecayLR, () => sgd(1, 1), [
    [{ warmup_num_steps: 10 }, "total_num_steps"],
    [{ total_num_steps: -5 }, "total_num_steps"],
    [{ total_num_steps: 50, warmup_num_steps: 100 }, "total_num_steps"],
    [{ totalNumSteps: 50, warmupNumSteps: 100 }, "totalNumSteps"],
    [{ total_num_steps: 500 }, "total_num_steps"],
    [{ total_num_steps: 100, warmup_num_steps: 10, warmup_max_lr: [1] }, "warmup_max_lr"],
  ]);
});
