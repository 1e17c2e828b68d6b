import { describe, expect, it } from "vitest";
import { WarmupLR, onWarning, type SchedulerWarning } from "../../../src/index.js";
import { sgd } from "../../support/optimizer.js";
import { itAccepts, itRefuses } from "./refusals.js";

function lrsAt(scheduler: WarmupLR, iterations: number[]): number[] {
  return iterations.map((it) => {
    scheduler.step(it);
    return scheduler.optimizer.paramGroups[0]!.lr;
  });
}

describe("WarmupLR", () => {
  it("warms up logarithmically by default: min + (max - min) * ln(it + 1) / ln(n), then holds max", () => {
    const optimizer = sgd(0.1);
    const scheduler = new WarmupLR(optimizer, { warmupMinLr: 0.001, warmupMaxLr: 0.002, warmupNumSteps: 100 });
    expect(optimizer.paramGroups[0]!.lr).toBe(0.001);
    const [first, second, mid, end, after] = lrsAt(scheduler, [0, 1, 9, 99, 100]);
    expect(first).toBe(0.001);
    expect(second).toBeCloseTo(0.001 + 0.001 * (Math.log(2) / Math.log(100)), 16);
    expect(mid).toBeCloseTo(0.0015, 16);
    expect(end).toBeCloseTo(0.002, 16);
    expect(after).toBe(0.002);
  });

  it("warms up linearly with warmup_type 'linear'", () => {
    const optimizer = sgd(0.1);
    const scheduler = new WarmupLR(optimizer, { warmupMaxLr: 0.01, warmupNumSteps: 4, warmupType: "linear" });
    expect(lrsAt(scheduler, [0, 1, 2, 3, 4, 50])).toEqual([0, 0.0025, 0.005, 0.0075, 0.01, 0.01]);
  });

  it("uses DeepSpeed's defaults: 0 to 0.001 over 1000 log steps", () => {
    const optimizer = sgd(0.1);
    const scheduler = new WarmupLR(optimizer);
    expect(optimizer.paramGroups[0]!.lr).toBe(0);
    const [warming, done] = lrsAt(scheduler, [30, 1000]);
    expect(warming).toBeCloseTo(0.001 * (Math.log(31) / Math.log(1000)), 16);
    expect(done).toBe(0.001);
  });

  it("counts warmup_num_steps 0 and 1 as 2, as DeepSpeed does", () => {
    for (const n of [0, 1]) {
      const scheduler = new WarmupLR(sgd(0.1), { warmupMinLr: 0.0001, warmupMaxLr: 0.001, warmupNumSteps: n, warmupType: "linear" });
      expect(lrsAt(scheduler, [0, 1, 2])).toEqual([0.0001, 0.00055, 0.001]);
    }
  });

  it("treats an unknown warmup_type as 'log', as DeepSpeed does (documented), and reports it through onWarning", () => {
    const warnings: SchedulerWarning[] = [];
    const stop = onWarning((w) => warnings.push(w));
    const log = new WarmupLR(sgd(0.1), { warmupNumSteps: 20, warmupType: "log" });
    const other = new WarmupLR(sgd(0.1), { warmupNumSteps: 20, warmupType: "cosine" });
    stop();
    expect(warnings.map((w) => [w.schedulerType, w.code])).toEqual([["WarmupLR", "unknown-warmup-type"]]);
    expect(warnings[0]!.message).toContain('"cosine"');
    expect(lrsAt(other, [1, 5, 19])).toEqual(lrsAt(log, [1, 5, 19]));
    expect(other.options.warmupType).toBe("cosine");
  });

  it("takes one min and max lr per group", () => {
    const optimizer = sgd(0.1, 0.1);
    const scheduler = new WarmupLR(optimizer, { warmupMinLr: [0, 1e-5], warmupMaxLr: [0.001, 0.01], warmupNumSteps: 50, warmupType: "linear" });
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0, 1e-5]);
    scheduler.step(25);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.0005, 16);
    expect(optimizer.paramGroups[1]!.lr).toBeCloseTo(0.005005, 16);
  });

  it("runs negative lrs and any warmup length as DeepSpeed does: below 2 it counts as 2, fractions are kept", () => {
    const negative = new WarmupLR(sgd(0.1), { warmupMinLr: -0.002, warmupMaxLr: 0.002, warmupNumSteps: -5, warmupType: "linear" });
    expect(negative.optimizer.paramGroups[0]!.lr).toBe(-0.002);
    expect(lrsAt(negative, [0, 1, 2])).toEqual([-0.002, 0, 0.002]);
    const fractional = new WarmupLR(sgd(0.1), { warmupMaxLr: 0.01, warmupNumSteps: 2.5, warmupType: "linear" });
    expect(lrsAt(fractional, [1, 2, 3])).toEqual([0.004, 0.008, 0.01]);
  });

  itAccepts(WarmupLR, () => sgd(1, 1), [{ warmup_max_lr: -0.001 }, { warmup_num_steps: -1 }, { warmup_num_steps: 2.5 }, { warmup_type: "exp" }]);

  itRefuses(WarmupLR, () => sgd(1, 1), [
    [{ warmup_min_lr: [0, 0, 0] }, "warmup_min_lr"],
    [{ warmup_max_lr: "auto" }, "warmup_max_lr"],
    [{ warmup_min_lr: NaN }, "warmup_min_lr"],
    [{ warmup_num_steps: Infinity }, "warmup_num_steps"],
    [{ warmup_type: 1 }, "warmup_type"],
    [{ last_batch_iteration: 0.5 }, "last_batch_iteration"],
    [{ last_batch_iteration: -2 }, "last_batch_iteration"],
    [{ total_num_steps: 100 }, "total_num_steps"],
  ]);
});
