import { describe, expect, it } from "vitest";
import { InvalidOptionError, SambaFlowCosineScheduleWithWarmup, createScheduler } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { expectClose, lrTrace } from "../transformers/lr-trace.js";

describe("SambaFlowCosineScheduleWithWarmup", () => {
  it("warms up, follows a cosine down to end_lr_ratio (default 0.1) at max_steps and holds there", () => {
    const optimizer = sgd(1);
    const scheduler = new SambaFlowCosineScheduleWithWarmup(optimizer, { warmupSteps: 2, maxSteps: 4 });
    expectClose(lrTrace(optimizer, scheduler, 6), [0, 0.5, 1, 0.55, 0.1, 0.1, 0.1]);
  });

  it("takes end_lr_ratio and num_cycles", () => {
    const optimizer = sgd(2);
    const scheduler = new SambaFlowCosineScheduleWithWarmup(optimizer, { warmupSteps: 0, maxSteps: 4, endLrRatio: 0, numCycles: 1 });
    expectClose(lrTrace(optimizer, scheduler, 5), [2, 1, 0, 1, 2, 2]);
  });

  it("is built by createScheduler from SambaFlow's argument names", () => {
    const scheduler = createScheduler(sgd(1), { type: "cosine_schedule_with_warmup", params: { warmup_steps: 10, max_steps: 100, end_lr_ratio: 0.05 } });
    expect(scheduler).toBeInstanceOf(SambaFlowCosineScheduleWithWarmup);
    expect(scheduler.scheduleAt(0, 500)).toBeCloseTo(0.05, 15);
  });

  const refused: [Record<string, unknown>, string][] = [
    [{ warmupSteps: 10 }, "max_steps"],
    [{ maxSteps: 10 }, "warmup_steps"],
    [{ warmupSteps: 1, maxSteps: 10, end_lr_ratio: 1.5 }, "end_lr_ratio"],
    [{ warmupSteps: 1, maxSteps: 0 }, "maxSteps"],
    [{ warmupSteps: 1, maxSteps: 10, stepsThisRun: 0 }, "stepsThisRun"],
  ];
  for (const [given, option] of refused) {
    it(`refuses ${JSON.stringify(given)}, naming ${option}`, () => {
      const error = thrown(() => new SambaFlowCosineScheduleWithWarmup(sgd(1), given as never)) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
      expect(error.schedulerType).toBe("cosine_schedule_with_warmup");
    });
  }
});
