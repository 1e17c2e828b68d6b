import { describe, expect, it } from "vitest";
import { SambaFlowCosineScheduleWithWarmup, SambaFlowFixedLR, SambaFlowStepSchedule } from "../../../src/index.js";
import { sgd } from "../../support/optimizer.js";

describe("SambaFlowSchedule.stepsThisRun", () => {
  it("is steps_this_run when given, without changing the schedule", () => {
    const short = new SambaFlowCosineScheduleWithWarmup(sgd(1), { warmupSteps: 10, maxSteps: 1000, stepsThisRun: 300 });
    const full = new SambaFlowCosineScheduleWithWarmup(sgd(1), { warmupSteps: 10, maxSteps: 1000 });
    expect(short.stepsThisRun).toBe(300);
    expect(full.stepsThisRun).toBe(1000);
    expect(short.scheduleAt(0, 250)).toBe(full.scheduleAt(0, 250));
  });

  it("is max_steps, or undefined, for the schedules that do not need a length", () => {
    expect(new SambaFlowFixedLR(sgd(1), { maxSteps: 500 }).stepsThisRun).toBe(500);
    expect(new SambaFlowStepSchedule(sgd(1)).stepsThisRun).toBeUndefined();
  });

  it("survives a JSON state dict", () => {
    const scheduler = new SambaFlowFixedLR(sgd(1), { maxSteps: 500, stepsThisRun: 200 });
    const resumed = new SambaFlowFixedLR(sgd(1));
    resumed.loadStateDict(JSON.parse(JSON.stringify(scheduler.stateDict())));
    expect(resumed.stepsThisRun).toBe(200);
  });
});
