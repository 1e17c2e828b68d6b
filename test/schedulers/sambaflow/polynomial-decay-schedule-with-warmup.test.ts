import { describe, expect, it } from "vitest";
import { InvalidOptionError, SambaFlowPolynomialDecayScheduleWithWarmup } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { expectClose, lrTrace } from "../transformers/lr-trace.js";

describe("SambaFlowPolynomialDecayScheduleWithWarmup", () => {
  it("decays linearly to 0 by default and holds there", () => {
    const optimizer = sgd(1);
    const scheduler = new SambaFlowPolynomialDecayScheduleWithWarmup(optimizer, { warmupSteps: 2, maxSteps: 6 });
    expectClose(lrTrace(optimizer, scheduler, 8), [0, 0.5, 1, 0.75, 0.5, 0.25, 0, 0, 0]);
  });

  it("ends at end_lr_ratio times each group's peak", () => {
    const optimizer = sgd(1, 10);
    const scheduler = new SambaFlowPolynomialDecayScheduleWithWarmup(optimizer, { warmupSteps: 2, maxSteps: 6, endLrRatio: 0.1 });
    for (let k = 0; k < 4; k++) scheduler.step();
    expectClose(optimizer.paramGroups.map((g) => g.lr), [0.55, 5.5]);
  });

  it("refuses a negative end_lr_ratio", () => {
    const error = thrown(() => new SambaFlowPolynomialDecayScheduleWithWarmup(sgd(1), { warmupSteps: 2, maxSteps: 6, endLrRatio: -0.1 })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("endLrRatio");
  });
});
