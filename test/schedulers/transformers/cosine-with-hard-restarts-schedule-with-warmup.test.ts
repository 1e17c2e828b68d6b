import { describe, expect, it } from "vitest";
import { InvalidOptionError, getCosineWithHardRestartsScheduleWithWarmup } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { expectClose, lrTrace } from "./lr-trace.js";

describe("getCosineWithHardRestartsScheduleWithWarmup", () => {
  it("takes the cycle position with Python's float %: a negative num_cycles wraps into [0, 1)", () => {
    const optimizer = sgd(1);
    const scheduler = getCosineWithHardRestartsScheduleWithWarmup(optimizer, { numWarmupSteps: 0, numTrainingSteps: 4, numCycles: -1 });
    scheduler.step(); // progress 0.25: Python's (-0.25) % 1.0 is 0.75, JavaScript's -0.25
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5 * (1 + Math.cos(Math.PI * 0.75)));
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1464466094067262, 15);
  });

  it("restarts at the peak num_cycles times and is 0 from num_training_steps on", () => {
    const optimizer = sgd(1);
    const scheduler = getCosineWithHardRestartsScheduleWithWarmup(optimizer, { numWarmupSteps: 1, numTrainingSteps: 7, numCycles: 2 });
    const c = (p: number) => 0.5 * (1 + Math.cos(Math.PI * p));
    // steps 1..6 are progress 0..5/6; two cycles: the phase is (2 * progress) % 1
    expectClose(lrTrace(optimizer, scheduler, 8), [0, 1, c(1 / 3), c(2 / 3), 1, c(1 / 3), c(2 / 3), 0, 0]);
  });

  it("defaults to one cycle", () => {
    const optimizer = sgd(1);
    const scheduler = getCosineWithHardRestartsScheduleWithWarmup(optimizer, { numWarmupSteps: 0, numTrainingSteps: 4 });
    expectClose(lrTrace(optimizer, scheduler, 4), [1, 0.5 * (1 + Math.cos(Math.PI / 4)), 0.5, 0.5 * (1 + Math.cos((3 * Math.PI) / 4)), 0]);
  });

  it("refuses a string num_cycles", () => {
    const error = thrown(() =>
      getCosineWithHardRestartsScheduleWithWarmup(sgd(1), { num_warmup_steps: 1, num_training_steps: 4, num_cycles: "3" } as never),
    ) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("num_cycles");
  });
});
