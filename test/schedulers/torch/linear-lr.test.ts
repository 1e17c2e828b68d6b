import { describe, expect, it } from "vitest";
import { InvalidOptionError, LinearLR, StepError } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("LinearLR", () => {
  it("moves the factor linearly from start_factor to end_factor over total_iters", () => {
    const scheduler = new LinearLR(sgd(0.1), { startFactor: 0.25, endFactor: 1, totalIters: 10 });
    expect(scheduler.getLastLr()).toEqual([0.025]);
    for (let k = 0; k < 4; k++) scheduler.step();
    expect(scheduler.getLastLr()[0]).toBeCloseTo(0.055, 15); // 0.1 * (0.25 + 0.75 * 4 / 10)
    expect(scheduler.scheduleAt(0, 10)).toBeCloseTo(0.1, 15);
    expect(scheduler.scheduleAt(0, 20)).toBeCloseTo(0.1, 15);
  });

  it("decays too, with the defaults start 1/3, end 1, 5 steps", () => {
    const decay = new LinearLR(sgd(0.1), { start_factor: 1, end_factor: 0.1, total_iters: 50 } as never);
    expect(decay.scheduleAt(0, 10)).toBeCloseTo(0.082, 15);
    const defaults = new LinearLR(sgd(0.3));
    expect(defaults.getLastLr()[0]).toBeCloseTo(0.1, 15);
    expect(defaults.scheduleAt(0, 5)).toBeCloseTo(0.3, 15);
  });

  it("keeps start_factor forever when total_iters is 0", () => {
    const scheduler = new LinearLR(sgd(0.1), { startFactor: 0.5, totalIters: 0 });
    scheduler.step();
    expect(scheduler.getLastLr()).toEqual([0.05]);
    expect(scheduler.scheduleAt(0, 1000)).toBe(0.05);
    expect([scheduler.scheduleAt(0, 0.5), scheduler.scheduleAt(0, -3)]).toEqual([0.05, 0.05]);
  });

  it("keeps start_factor for a negative total_iters too; PyTorch's closed form (a jump) gives end_factor there, and divides by zero for total_iters 0", () => {
    const negative = new LinearLR(sgd(0.1), { startFactor: 0.5, endFactor: 0.25, totalIters: -5 });
    negative.step();
    expect(negative.getLastLr()).toEqual([0.05]);
    negative.step(3);
    expect(negative.getLastLr()).toEqual([0.025]);
    const zero = new LinearLR(sgd(0.1), { startFactor: 0.5, totalIters: 0 });
    expect(thrown(() => zero.step(3))).toBeInstanceOf(StepError);
    expect(zero.lastEpoch).toBe(0);
  });

  it.each([
    [{ start_factor: 0 }, "start_factor"],
    [{ startFactor: 1.5 }, "startFactor"],
    [{ end_factor: -0.1 }, "end_factor"],
    [{ end_factor: 1.1 }, "end_factor"],
    [{ endFactor: Number.NaN }, "endFactor"],
    [{ factor: 0.5 }, "factor"],
  ])("refuses %j, naming %s", (options, option) => {
    const error = thrown(() => new LinearLR(sgd(0.1), options as never));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });
});
