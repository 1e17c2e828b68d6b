import { describe, expect, it } from "vitest";
import { InvalidOptionError, getInverseSqrtSchedule } from "../../../src/index.js";
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

  it("refuses a timescale of 0, where Python divides by zero", () => {
    const error = thrown(() => getInverseSqrtSchedule(sgd(1), { numWarmupSteps: 10, timescale: 0 })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("timescale");
  });
});
