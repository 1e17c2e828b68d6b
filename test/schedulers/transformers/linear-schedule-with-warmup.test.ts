import { describe, expect, it } from "vitest";
import { InvalidOptionError, getLinearScheduleWithWarmup } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { lrTrace } from "./lr-trace.js";

describe("getLinearScheduleWithWarmup", () => {
  it("rises to the peak, falls to 0 at num_training_steps and stays there", () => {
    const optimizer = sgd(1);
    const scheduler = getLinearScheduleWithWarmup(optimizer, { numWarmupSteps: 2, numTrainingSteps: 6 });
    expect(lrTrace(optimizer, scheduler, 8)).toEqual([0, 0.5, 1, 0.75, 0.5, 0.25, 0, 0, 0]);
  });

  it("jumps to any step in closed form", () => {
    const optimizer = sgd(2);
    const scheduler = getLinearScheduleWithWarmup(optimizer, { numWarmupSteps: 0, numTrainingSteps: 100 });
    expect(scheduler.scheduleAt(0, 75)).toBe(0.5);
    expect(optimizer.paramGroups[0]!.lr).toBe(2);
  });

  it("refuses a missing num_training_steps", () => {
    const error = thrown(() => getLinearScheduleWithWarmup(sgd(1), { numWarmupSteps: 2 } as never)) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("num_training_steps");
  });
});
