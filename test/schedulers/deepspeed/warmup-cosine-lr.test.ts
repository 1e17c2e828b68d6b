import { describe, expect, it } from "vitest";
import { StepError, WarmupCosineLR, onWarning, type SchedulerWarning } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { itAccepts, itRefuses } from "./refusals.js";

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

  it("leaves the other groups as they are when constructed with last_batch_iteration, and writes every group from the first step", () => {
    const optimizer = sgd(2, 4);
    const scheduler = new WarmupCosineLR(optimizer, { ...options, lastBatchIteration: 4 });
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([2, 4]);
    scheduler.step();
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([1, 2]);
  });

  it("runs total_num_steps < warmup_num_steps as DeepSpeed does (it warns): the cosine has a negative period", () => {
    let scheduler!: WarmupCosineLR;
    const warnings = warningsOf(() => {
      scheduler = new WarmupCosineLR(sgd(1), { totalNumSteps: 6, warmupNumSteps: 10, warmupType: "linear", cosMinRatio: 0 });
    });
    expect(warnings.map((w) => [w.schedulerType, w.code])).toEqual([["WarmupCosineLR", "total-steps-within-warmup"]]);
    scheduler.step(11);
    // s = 2 of -4: (1 + cos(-pi/2)) / 2
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBeCloseTo(0.5, 15);
    scheduler.step(13);
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBeCloseTo(0, 15);
  });

  it("runs the warmup when total_num_steps equals max(2, warmup_num_steps), and refuses the first cosine step, where DeepSpeed divides by zero", () => {
    let scheduler!: WarmupCosineLR;
    const warnings = warningsOf(() => {
      scheduler = new WarmupCosineLR(sgd(1), { totalNumSteps: 20, warmupNumSteps: 20, warmupType: "linear" });
    });
    expect(warnings.map((w) => w.code)).toEqual(["zero-length-cosine"]);
    scheduler.step(19);
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBeCloseTo(0.95, 15);
    const error = thrown(() => scheduler.step()) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(error.step).toBe(20);
    expect(error.message).toMatch(/ZeroDivisionError/);
    expect(scheduler.lastEpoch).toBe(19);
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBeCloseTo(0.95, 15);
  });

  it("with an unknown warmup_type builds (warning), refuses every warmup iteration as DeepSpeed fails there, and runs the cosine", () => {
    const optimizer = sgd(1, 1);
    let scheduler!: WarmupCosineLR;
    const warnings = warningsOf(() => {
      scheduler = new WarmupCosineLR(optimizer, { totalNumSteps: 30, warmupNumSteps: 10, warmupType: "exp", cosMinRatio: 0.1 });
    });
    expect(warnings.map((w) => w.code)).toEqual(["unknown-warmup-type"]);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0, 1]);
    for (const step of [() => scheduler.step(), () => scheduler.step(9)]) {
      const error = thrown(step) as StepError;
      expect(error).toBeInstanceOf(StepError);
      expect(error.message).toMatch(/UnboundLocalError/);
      expect(scheduler.lastEpoch).toBe(-1);
      expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0, 1]);
    }
    scheduler.step(29);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1, 15);
    scheduler.step();
    expect(scheduler.lastEpoch).toBe(30);
  });

  it("loads DeepSpeed's own state dict, keeping the lrs it was built from", () => {
    const optimizer = sgd(2, 4);
    const scheduler = new WarmupCosineLR(optimizer, options);
    scheduler.loadStateDict({ last_batch_iteration: 5 });
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([1, 2]);
  });

  itAccepts(WarmupCosineLR, () => sgd(1, 1), [
    { total_num_steps: 20, warmup_num_steps: 20 },
    { total_num_steps: 2, warmup_num_steps: 1 },
    { totalNumSteps: 10, warmupNumSteps: 20 },
    { total_num_steps: 100, warmup_num_steps: 10, warmup_type: "exp" },
    { ...options, warmupMinRatio: 1.5 },
    { ...options, cosMinRatio: -0.1 },
  ]);

  itRefuses(WarmupCosineLR, () => sgd(1, 1), [
    [{ warmup_num_steps: 10 }, "total_num_steps"],
    [{ total_num_steps: 100, warmup_num_steps: 10, warmup_min_ratio: [0.1] }, "warmup_min_ratio"],
    [{ ...options, warmupMinRatio: [0, 0, 0] }, "warmupMinRatio"],
    [{ ...options, cosMinRatio: [0.1, 0.1] }, "cosMinRatio"],
    [{ ...options, warmupType: null }, "warmupType"],
    [{ ...options, warmupMinLr: 0 }, "warmupMinLr"],
  ]);
});
