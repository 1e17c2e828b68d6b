import { describe, expect, it } from "vitest";
import { SambaFlowCosineScheduleWithWarmup, SambaFlowFixedLR, SambaFlowStepSchedule, createScheduler } from "../../../src/index.js";
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

  it("is accepted by all four under SambaFlow's argument name (and the family prefix), without changing any value", () => {
    const base: Record<string, Record<string, unknown>> = {
      cosine_schedule_with_warmup: { warmup_steps: 5, max_steps: 50 },
      polynomial_decay_schedule_with_warmup: { warmup_steps: 5, max_steps: 50 },
      fixed_lr: {},
      step_schedule: { decay_steps: 10 },
    };
    for (const [type, params] of Object.entries(base)) {
      const short = createScheduler(sgd(1), { type: `sambaflow.${type}`, params: { ...params, steps_this_run: 20 } });
      const full = createScheduler(sgd(1), { type, params });
      expect(short).toHaveProperty("stepsThisRun", 20);
      for (const t of [0, 3, 19, 20, 49, 50, 80]) expect(short.scheduleAt(0, t)).toBe(full.scheduleAt(0, t));
    }
  });

  it("survives a JSON state dict", () => {
    const scheduler = new SambaFlowFixedLR(sgd(1), { maxSteps: 500, stepsThisRun: 200 });
    const resumed = new SambaFlowFixedLR(sgd(1));
    resumed.loadStateDict(JSON.parse(JSON.stringify(scheduler.stateDict())));
    expect(resumed.stepsThisRun).toBe(200);
  });
});
