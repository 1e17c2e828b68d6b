import { describe, expect, it } from "vitest";
import { InvalidOptionError, getWsdSchedule, onWarning } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { expectClose, lrTrace } from "./lr-trace.js";

describe("getWsdSchedule", () => {
  it("warms up from min_lr_ratio, holds, decays back to it and stays", () => {
    const optimizer = sgd(1);
    const scheduler = getWsdSchedule(optimizer, {
      numWarmupSteps: 2,
      numDecaySteps: 2,
      numTrainingSteps: 8,
      decayType: "linear",
      minLrRatio: 0.1,
    });
    expectClose(lrTrace(optimizer, scheduler, 10), [0.1, 0.55, 1, 1, 1, 1, 1, 0.55, 0.1, 0.1, 0.1]);
  });

  it("has cosine and 1-sqrt shapes", () => {
    const optimizer = sgd(1);
    const scheduler = getWsdSchedule(optimizer, { numWarmupSteps: 4, numDecaySteps: 4, numStableSteps: 0, warmupType: "cosine", decayType: "1-sqrt" });
    expectClose(lrTrace(optimizer, scheduler, 8), [
      0,
      0.5 * (1 - Math.SQRT1_2),
      0.5,
      0.5 * (1 + Math.SQRT1_2),
      1,
      0.5,
      1 - Math.SQRT1_2,
      1 - Math.sqrt(0.75),
      0,
    ]);
    const oneSqrt = getWsdSchedule(sgd(1), { numWarmupSteps: 4, numDecaySteps: 4, numStableSteps: 0, warmupType: "1-sqrt" });
    expect(oneSqrt.scheduleAt(0, 3)).toBeCloseTo(0.5, 15);
  });

  it("lets num_stable_steps win over num_training_steps, with a warning", () => {
    const codes: string[] = [];
    const stop = onWarning((w) => codes.push(`${w.schedulerType}:${w.code}`));
    const scheduler = getWsdSchedule(sgd(1), { numWarmupSteps: 1, numDecaySteps: 1, numTrainingSteps: 100, numStableSteps: 2 });
    stop();
    expect(codes).toEqual(["get_wsd_schedule:stable-steps-override"]);
    expect(scheduler.scheduleAt(0, 3)).toBe(1);
    expect(scheduler.scheduleAt(0, 4)).toBe(0);
  });

  it("has a negative stable phase when num_training_steps is shorter than warmup + decay, as in Python", () => {
    // stable = 6 - 2 - 8 = -4: right after the warmup the lr is 4 steps into the decay, which ends at step 6.
    const scheduler = getWsdSchedule(sgd(1), { numWarmupSteps: 2, numDecaySteps: 8, numTrainingSteps: 6, decayType: "linear" });
    expect([0, 1, 2, 3, 5, 6, 7].map((t) => scheduler.scheduleAt(0, t))).toEqual([0, 0.5, 0.5, 0.375, 0.125, 0, 0]);
  });

  it("takes null for num_training_steps or num_stable_steps as Python's None", () => {
    const scheduler = getWsdSchedule(sgd(1), { numWarmupSteps: 1, numDecaySteps: 1, numTrainingSteps: null, numStableSteps: 2 });
    expect(scheduler.scheduleAt(0, 3)).toBe(1);
    expect(() => getWsdSchedule(sgd(1), { numWarmupSteps: 1, numDecaySteps: 1, numTrainingSteps: null, numStableSteps: null })).toThrow(InvalidOptionError);
  });

  it("refuses neither num_training_steps nor num_stable_steps, and an unknown decay_type", () => {
    const length = thrown(() => getWsdSchedule(sgd(1), { numWarmupSteps: 5, numDecaySteps: 10 })) as InvalidOptionError;
    expect(length).toBeInstanceOf(InvalidOptionError);
    expect(length.option).toBe("num_training_steps");
    const decay = thrown(() =>
      getWsdSchedule(sgd(1), { num_warmup_steps: 5, num_decay_steps: 10, num_training_steps: 50, decay_type: "exponential" } as never),
    ) as InvalidOptionError;
    expect(decay).toBeInstanceOf(InvalidOptionError);
    expect(decay.option).toBe("decay_type");
  });
});
