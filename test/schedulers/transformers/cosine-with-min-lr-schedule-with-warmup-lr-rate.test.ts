import { describe, expect, it } from "vitest";
import { InvalidOptionError, getCosineWithMinLrScheduleWithWarmupLrRate } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { expectClose, lrTrace } from "./lr-trace.js";

describe("getCosineWithMinLrScheduleWithWarmupLrRate", () => {
  it("is shifted one step: the warmup starts at 1/W and the decay one step in", () => {
    const optimizer = sgd(1);
    const scheduler = getCosineWithMinLrScheduleWithWarmupLrRate(optimizer, { numWarmupSteps: 4, numTrainingSteps: 8, minLrRate: 0 });
    const c = (p: number) => 0.5 * (1 + Math.cos(Math.PI * p));
    expectClose(lrTrace(optimizer, scheduler, 8), [0.25, 0.5, 0.75, 1, c(0.25), c(0.5), c(0.75), 0, c(1.25)]);
  });

  it("warms up from warmup_lr_rate to 1 over W - 1 steps", () => {
    const optimizer = sgd(1);
    const scheduler = getCosineWithMinLrScheduleWithWarmupLrRate(optimizer, { numWarmupSteps: 4, numTrainingSteps: 8, minLrRate: 0.5, warmupLrRate: 0.1 });
    expectClose(lrTrace(optimizer, scheduler, 3), [0.1, 0.4, 0.7, 1]);
  });

  it("refuses neither min_lr nor min_lr_rate", () => {
    const error = thrown(() => getCosineWithMinLrScheduleWithWarmupLrRate(sgd(1), { numWarmupSteps: 1, numTrainingSteps: 5 })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("min_lr_rate");
    expect(error.schedulerType).toBe("get_cosine_with_min_lr_schedule_with_warmup_lr_rate");
  });
});
