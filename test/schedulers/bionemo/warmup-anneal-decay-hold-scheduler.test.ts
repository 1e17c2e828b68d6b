import { describe, expect, it } from "vitest";
import { InvalidOptionError, WarmupAnnealDecayHold, WarmupAnnealDecayHoldScheduler } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("WarmupAnnealDecayHoldScheduler", () => {
  it("holds BioNeMo's defaults", () => {
    const config = new WarmupAnnealDecayHoldScheduler();
    expect({ ...config }).toEqual({
      warmupSteps: 2000,
      maxSteps: 500_000,
      maxLr: 4e-4,
      minLr: 4e-5,
      annealPercentage: 0.1,
      interval: "step",
      frequency: 1,
      monitor: "val_loss",
    });
  });

  it("builds the schedule on an optimizer and returns it with the trainer settings", () => {
    const optimizer = sgd(1);
    const config = new WarmupAnnealDecayHoldScheduler({ warmup_steps: 2, max_steps: 6, max_lr: 1, min_lr: 0, interval: "epoch", monitor: "loss" } as never);
    const output = config.scheduler(optimizer);
    expect(output.optimizer).toBe(optimizer);
    expect(output.monitor).toBe("loss");
    expect(output.lrScheduler.interval).toBe("epoch");
    expect(output.lrScheduler.frequency).toBe(1);
    expect(output.lrScheduler.scheduler).toBeInstanceOf(WarmupAnnealDecayHold);
    output.lrScheduler.scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
  });

  it("accepts max_steps below warmup_steps, which BioNeMo runs", () => {
    const config = new WarmupAnnealDecayHoldScheduler({ warmup_steps: 10, max_steps: 5 } as never);
    expect(config.maxSteps).toBe(5);
    const { scheduler } = config.scheduler(sgd(1)).lrScheduler;
    expect(scheduler.scheduleAt(0, 15)).toBeCloseTo(4e-4 * 2, 18);
  });

  const refused: [Record<string, unknown>, string][] = [
    [{ interval: "batch" }, "interval"],
    [{ frequency: 0 }, "frequency"],
    [{ monitor: "" }, "monitor"],
    [{ warmupSteps: 10, maxSteps: 10 }, "maxSteps"],
    [{ warmup_steps: 10, max_steps: 10 }, "max_steps"],
    [{ warmupSteps: 500_000 }, "max_steps"],
    [{ max_lr: -1 }, "max_lr"],
  ];
  for (const [given, option] of refused) {
    it(`refuses ${JSON.stringify(given)} at construction, naming ${option}`, () => {
      const error = thrown(() => new WarmupAnnealDecayHoldScheduler(given as never)) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
      expect(error.schedulerType).toBe("WarmupAnnealDecayHoldScheduler");
    });
  }
});
