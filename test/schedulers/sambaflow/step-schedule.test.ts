import { describe, expect, it } from "vitest";
import { InvalidOptionError, SambaFlowStepSchedule } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("SambaFlowStepSchedule", () => {
  it("halves the lr every 100 steps by default", () => {
    const scheduler = new SambaFlowStepSchedule(sgd(1));
    expect([0, 99, 100, 199, 200, 350].map((t) => scheduler.scheduleAt(0, t))).toEqual([1, 1, 0.5, 0.5, 0.25, 0.125]);
  });

  it("takes decay_steps and decay_gamma", () => {
    const optimizer = sgd(1);
    const scheduler = new SambaFlowStepSchedule(optimizer, { decay_steps: 2, decay_gamma: 0.1 } as never);
    scheduler.step();
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1, 15);
  });

  it("refuses decay_steps 0", () => {
    const error = thrown(() => new SambaFlowStepSchedule(sgd(1), { decay_steps: 0 } as never)) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("decay_steps");
  });
});
