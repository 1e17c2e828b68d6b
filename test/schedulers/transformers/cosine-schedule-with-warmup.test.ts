import { describe, expect, it } from "vitest";
import { InvalidOptionError, getCosineScheduleWithWarmup } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { expectClose, lrTrace } from "./lr-trace.js";

describe("getCosineScheduleWithWarmup", () => {
  it("follows a half cosine and, as in Python, rises again past num_training_steps", () => {
    const optimizer = sgd(1);
    const scheduler = getCosineScheduleWithWarmup(optimizer, { numWarmupSteps: 2, numTrainingSteps: 6 });
    const c = (p: number) => 0.5 * (1 + Math.cos(Math.PI * p));
    expectClose(lrTrace(optimizer, scheduler, 10), [0, 0.5, 1, c(0.25), 0.5, c(0.75), 0, c(1.25), 0.5, c(1.75), 1]);
  });

  it("runs num_cycles waves, clamping negative values to 0", () => {
    const optimizer = sgd(1);
    const scheduler = getCosineScheduleWithWarmup(optimizer, { numWarmupSteps: 0, numTrainingSteps: 4, numCycles: 1 });
    expectClose(lrTrace(optimizer, scheduler, 4), [1, 0.5, 0, 0.5, 1]);
  });

  it("refuses a non-finite num_cycles", () => {
    const error = thrown(() => getCosineScheduleWithWarmup(sgd(1), { numWarmupSteps: 1, numTrainingSteps: 4, numCycles: NaN })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("numCycles");
  });
});
