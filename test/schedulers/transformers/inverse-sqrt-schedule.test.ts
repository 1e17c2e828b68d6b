import { describe, expect, it } from "vitest";
import { InvalidOptionError, StepError, getInverseSqrtSchedule } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { expectClose, lrTrace } from "./lr-trace.js";

describe("getInverseSqrtSchedule", () => {
  it("decays as 1/sqrt(step / warmup) after the warmup (timescale defaults to num_warmup_steps)", () => {
    const optimizer = sgd(1);
    const scheduler = getInverseSqrtSchedule(optimizer, { numWarmupSteps: 4 });
    const trace = lrTrace(optimizer, scheduler, 16);
    expectClose(trace.slice(0, 5), [0, 0.25, 0.5, 0.75, 1]);
    expect(trace[16]).toBeCloseTo(0.5, 15);
  });

  it("uses a timescale of 10000 without warmup", () => {
    const optimizer = sgd(1);
    const scheduler = getInverseSqrtSchedule(optimizer, { numWarmupSteps: 0 });
    expect(optimizer.paramGroups[0]!.lr).toBe(1);
    expect(scheduler.scheduleAt(0, 30_000)).toBeCloseTo(0.5, 15);
  });

  it("takes an explicit timescale", () => {
    const scheduler = getInverseSqrtSchedule(sgd(1), { numWarmupSteps: 10, timescale: 50 });
    expect(scheduler.scheduleAt(0, 160)).toBeCloseTo(1 / Math.sqrt(4), 15);
  });

  it("accepts a timescale of 0 and refuses the first step past the warmup, where Python divides by zero", () => {
    const optimizer = sgd(1);
    const scheduler = getInverseSqrtSchedule(optimizer, { numWarmupSteps: 2, timescale: 0 });
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
    const error = thrown(() => scheduler.step()) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
    expect(scheduler.lastEpoch).toBe(1);
    // Without warmup Python fails in the constructor.
    expect(() => getInverseSqrtSchedule(sgd(1), { numWarmupSteps: 0, timescale: 0 })).toThrow(InvalidOptionError);
  });

  it("takes timescale null as Python's None (the default), and runs a negative timescale until the square root has no value", () => {
    expect(getInverseSqrtSchedule(sgd(1), { numWarmupSteps: 4, timescale: null }).scheduleAt(0, 16)).toBeCloseTo(0.5, 15);
    const optimizer = sgd(1);
    const scheduler = getInverseSqrtSchedule(optimizer, { numWarmupSteps: 0, timescale: -2 });
    scheduler.step(); // (1 - 2) / -2 = 0.5
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(Math.SQRT2, 15);
    expect(() => scheduler.step()).toThrow(StepError); // 1 / sqrt(-0.0): Python's ZeroDivisionError
  });
});
