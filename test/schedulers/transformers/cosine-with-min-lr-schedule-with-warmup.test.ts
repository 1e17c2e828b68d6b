import { describe, expect, it } from "vitest";
import { InvalidOptimizerError, InvalidOptionError, getCosineWithMinLrScheduleWithWarmup } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { expectClose, lrTrace } from "./lr-trace.js";

describe("getCosineWithMinLrScheduleWithWarmup", () => {
  it("ends the cosine at min_lr_rate and, like the plain cosine, rises again afterwards", () => {
    const optimizer = sgd(2);
    const scheduler = getCosineWithMinLrScheduleWithWarmup(optimizer, { numWarmupSteps: 0, numTrainingSteps: 4, minLrRate: 0.1 });
    expectClose(lrTrace(optimizer, scheduler, 6), [2, 2 * (0.9 * 0.5 * (1 + Math.SQRT1_2) + 0.1), 1.1, 2 * (0.9 * 0.5 * (1 - Math.SQRT1_2) + 0.1), 0.2, 2 * (0.9 * 0.5 * (1 - Math.SQRT1_2) + 0.1), 1.1]);
  });

  it("turns min_lr into a rate by dividing by defaults.lr", () => {
    const optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 1 }], defaults: { lr: 0.1 } };
    const scheduler = getCosineWithMinLrScheduleWithWarmup(optimizer, { numWarmupSteps: 0, numTrainingSteps: 2, minLr: 0.01 });
    scheduler.step();
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.01, 15);
    expect(optimizer.paramGroups[1]!.lr).toBeCloseTo(0.1, 15);
  });

  it("refuses both min_lr and min_lr_rate, and neither", () => {
    const both = thrown(() =>
      getCosineWithMinLrScheduleWithWarmup(sgd(1), { numWarmupSteps: 1, numTrainingSteps: 5, minLr: 0.1, minLrRate: 0.1 }),
    ) as InvalidOptionError;
    expect(both).toBeInstanceOf(InvalidOptionError);
    expect(both.option).toBe("minLr");
    const neither = thrown(() => getCosineWithMinLrScheduleWithWarmup(sgd(1), { numWarmupSteps: 1, numTrainingSteps: 5 })) as InvalidOptionError;
    expect(neither).toBeInstanceOf(InvalidOptionError);
    expect(neither.option).toBe("min_lr_rate");
  });

  it("takes null as Python's None, and a negative floor (max(0, ...) clamps the cosine at 0)", () => {
    const optimizer = sgd(1);
    const scheduler = getCosineWithMinLrScheduleWithWarmup(optimizer, { numWarmupSteps: 0, numTrainingSteps: 2, minLr: null, minLrRate: -1 });
    // factor = 0.5 * (1 + cos(pi * progress)) * 2 - 1 = cos(pi * progress)
    expectClose(lrTrace(optimizer, scheduler, 2), [1, 0, 0]);
    expect(scheduler.scheduleAt(0, 0.5)).toBeCloseTo(Math.SQRT1_2, 12);
    const negative = getCosineWithMinLrScheduleWithWarmup({ paramGroups: [{ lr: 1 }], defaults: { lr: 2 } }, { numWarmupSteps: 0, numTrainingSteps: 2, minLr: -2 });
    expect(negative.scheduleAt(0, 1)).toBe(0);
  });

  it("refuses min_lr with defaults.lr 0, where Python divides by zero", () => {
    const error = thrown(() =>
      getCosineWithMinLrScheduleWithWarmup({ paramGroups: [{ lr: 0 }], defaults: { lr: 0 } }, { numWarmupSteps: 1, numTrainingSteps: 5, minLr: 0 }),
    ) as InvalidOptimizerError;
    expect(error).toBeInstanceOf(InvalidOptimizerError);
    expect(error.field).toBe("defaults.lr");
  });
});
