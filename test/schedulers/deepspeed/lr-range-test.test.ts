import { describe, expect, it } from "vitest";
import { LRRangeTest } from "../../../src/index.js";
import { sgd } from "../../support/optimizer.js";
import { itAccepts, itRefuses } from "./refusals.js";

describe("LRRangeTest", () => {
  it("grows continuously from min_lr, one increment already at iteration 0", () => {
    const optimizer = sgd(0.1);
    const scheduler = new LRRangeTest(optimizer, { lrRangeTestMinLr: 0.001, lrRangeTestStepSize: 10, lrRangeTestStepRate: 1 });
    expect(optimizer.paramGroups[0]!.lr).toBe(0.001);
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.0011, 16);
    scheduler.step(19);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.003, 16);
  });

  it("grows in stairs with lr_range_test_staircase", () => {
    const optimizer = sgd(0.1);
    const scheduler = new LRRangeTest(optimizer, { lrRangeTestMinLr: 1e-4, lrRangeTestStepSize: 25, lrRangeTestStepRate: 2, lrRangeTestStaircase: true });
    const lrs = [0, 23, 24, 48, 49].map((it) => {
      scheduler.step(it);
      return optimizer.paramGroups[0]!.lr;
    });
    expect(lrs[0]).toBe(1e-4);
    expect(lrs[1]).toBe(1e-4);
    expect(lrs[2]).toBeCloseTo(3e-4, 18);
    expect(lrs[3]).toBeCloseTo(3e-4, 18);
    expect(lrs[4]).toBeCloseTo(5e-4, 18);
  });

  it("uses DeepSpeed's defaults (min 0.001, step size 2000, rate 1) and one min lr per group", () => {
    const optimizer = sgd(0.1, 0.1);
    const scheduler = new LRRangeTest(optimizer, { lrRangeTestMinLr: [0.001, 0.01] });
    scheduler.step(1999);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.002, 0.02]);
    expect(scheduler.options).toMatchObject({ lrRangeTestStepSize: 2000, lrRangeTestStepRate: 1, lrRangeTestStaircase: false, lastBatchIteration: -1 });
  });

  it("runs a negative step size or rate as DeepSpeed does: the lr falls", () => {
    const optimizer = sgd(0.1);
    const scheduler = new LRRangeTest(optimizer, { lrRangeTestMinLr: 0.01, lrRangeTestStepSize: -4, lrRangeTestStepRate: 0.5 });
    scheduler.step(3);
    // 0.01 * (1 + 0.5 * 4 / -4)
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.005, 17);
  });

  itAccepts(LRRangeTest, () => sgd(1), [{ lr_range_test_min_lr: -0.1 }, { lr_range_test_step_size: 1.5 }, { lr_range_test_step_rate: -1 }]);

  itRefuses(LRRangeTest, () => sgd(1), [
    [{ lr_range_test_min_lr: [0.1, 0.2] }, "lr_range_test_min_lr"],
    [{ lrRangeTestMinLr: [0.1, 0.2] }, "lrRangeTestMinLr"],
    [{ lr_range_test_min_lr: [] }, "lr_range_test_min_lr"],
    [{ lr_range_test_min_lr: "auto" }, "lr_range_test_min_lr"],
    // DeepSpeed divides by the step size at every step.
    [{ lr_range_test_step_size: 0 }, "lr_range_test_step_size"],
    [{ lr_range_test_step_rate: Infinity }, "lr_range_test_step_rate"],
    [{ lr_range_test_staircase: 1 }, "lr_range_test_staircase"],
    [{ lr_range_test_min: 0.1 }, "lr_range_test_min"],
  ]);
});
