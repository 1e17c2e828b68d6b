import { describe, expect, it } from "vitest";
import { InvalidOptionError, getConstantScheduleWithWarmup } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { lrTrace } from "./lr-trace.js";

describe("getConstantScheduleWithWarmup", () => {
  it("warms up linearly from 0 and then holds the group's lr", () => {
    const optimizer = sgd(1, 2);
    const scheduler = getConstantScheduleWithWarmup(optimizer, { numWarmupSteps: 4 });
    expect(lrTrace(optimizer, scheduler, 6)).toEqual([0, 0.25, 0.5, 0.75, 1, 1, 1]);
    expect(optimizer.paramGroups[1]!.lr).toBe(2);
  });

  it("starts at the full lr without warmup", () => {
    const optimizer = sgd(0.5);
    getConstantScheduleWithWarmup(optimizer, { num_warmup_steps: 0 } as never);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
  });

  for (const [options, option] of [
    [{}, "num_warmup_steps"],
    [{ numWarmupSteps: -1 }, "numWarmupSteps"],
    [{ num_warmup_steps: 2.5 }, "num_warmup_steps"],
    [{ numWarmupSteps: Infinity }, "numWarmupSteps"],
  ] as const) {
    it(`refuses ${JSON.stringify(options)}, naming ${option}`, () => {
      const error = thrown(() => getConstantScheduleWithWarmup(sgd(1), options as never)) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
      expect(error.schedulerType).toBe("get_constant_schedule_with_warmup");
    });
  }
});
