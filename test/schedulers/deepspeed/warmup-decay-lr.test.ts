import { describe, expect, it } from "vitest";
import { WarmupDecayLR, WarmupLR, onWarning, type SchedulerWarning } from "../../../src/index.js";
import { sgd } from "../../support/optimizer.js";
import { itAccepts, itRefuses } from "./refusals.js";

function lrsAt(scheduler: WarmupDecayLR | WarmupLR, iterations: number[]): number[] {
  return iterations.map((it) => {
    scheduler.step(it);
    return scheduler.optimizer.paramGroups[0]!.lr;
  });
}

function warningsOf(build: () => void): SchedulerWarning[] {
  const warnings: SchedulerWarning[] = [];
  const stop = onWarning((w) => warnings.push(w));
  try {
    build();
  } finally {
    stop();
  }
  return warnings;
}

describe("WarmupDecayLR", () => {
  it("warms up, then decays linearly to warmup_min_lr at total_num_steps and stays there", () => {
    const optimizer = sgd(0.1);
    const scheduler = new WarmupDecayLR(optimizer, { totalNumSteps: 20, warmupMinLr: 0, warmupMaxLr: 0.01, warmupNumSteps: 10, warmupType: "linear" });
    expect(lrsAt(scheduler, [0, 5, 10, 15, 20, 30])).toEqual([0, 0.005, 0.01, 0.005, 0, 0]);
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

  it("runs total_num_steps < warmup_num_steps as DeepSpeed does (it only warns): the lr drops to warmup_min_lr after the warmup", () => {
    let scheduler!: WarmupDecayLR;
    const warnings = warningsOf(() => {
      scheduler = new WarmupDecayLR(sgd(0.1), { totalNumSteps: 50, warmupMinLr: 0.001, warmupMaxLr: 0.01, warmupNumSteps: 100, warmupType: "linear" });
    });
    expect(warnings.map((w) => [w.schedulerType, w.code])).toEqual([["WarmupDecayLR", "total-steps-within-warmup"]]);
    expect(warnings[0]!.message).toContain("total_num_steps 50 is less than warmup_num_steps 100");
    const [warming, last, after] = lrsAt(scheduler, [50, 99, 100]);
    expect(warming).toBeCloseTo(0.001 + 0.009 * 0.5, 17);
    expect(last).toBeCloseTo(0.001 + 0.009 * 0.99, 17);
    expect(after).toBe(0.001);
  });

  it("warns for total_num_steps below the clamped warmup length only, and not for a long enough run", () => {
    expect(warningsOf(() => new WarmupDecayLR(sgd(0.1), { totalNumSteps: 1, warmupNumSteps: 0 })).map((w) => w.code)).toEqual(["total-steps-within-warmup"]);
    expect(warningsOf(() => new WarmupDecayLR(sgd(0.1), { totalNumSteps: 2, warmupNumSteps: 0 }))).toEqual([]);
  });

  it("treats an unknown warmup_type as 'log' with a warning, as WarmupLR does", () => {
    let other!: WarmupDecayLR;
    const warnings = warningsOf(() => {
      other = new WarmupDecayLR(sgd(0.1), { totalNumSteps: 40, warmupNumSteps: 20, warmupType: "cosine" });
    });
    expect(warnings.map((w) => w.code)).toEqual(["unknown-warmup-type"]);
    const log = new WarmupDecayLR(sgd(0.1), { totalNumSteps: 40, warmupNumSteps: 20 });
    expect(lrsAt(other, [1, 5, 19, 30])).toEqual(lrsAt(log, [1, 5, 19, 30]));
  });

  itAccepts(WarmupDecayLR, () => sgd(1, 1), [{ total_num_steps: -5 }, { total_num_steps: 50, warmup_num_steps: 100 }, { total_num_steps: 500 }, { total_num_steps: 99.5 }]);

  itRefuses(WarmupDecayLR, () => sgd(1, 1), [
    [{ warmup_num_steps: 10 }, "total_num_steps"],
    [{ totalNumSteps: "auto" }, "totalNumSteps"],
    [{ total_num_steps: NaN }, "total_num_steps"],
    [{ total_num_steps: 100, warmup_num_steps: 10, warmup_max_lr: [1] }, "warmup_max_lr"],
  ]);
});
