import { describe, expect, it } from "vitest";
import { ExponentialLR, InvalidOptionError, StepError, createScheduler } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("ExponentialLR", () => {
  it("multiplies by gamma every step", () => {
    const scheduler = new ExponentialLR(sgd(0.1, 1), { gamma: 0.5 });
    for (let k = 0; k < 3; k++) scheduler.step();
    expect(scheduler.getLastLr()).toEqual([0.0125, 0.125]);
  });

  it("jumps to fractional epochs in closed form, and resumes from JSON", () => {
    const optimizer = sgd(0.1);
    const scheduler = createScheduler(optimizer, { type: "ExponentialLR", params: { gamma: 0.5 } });
    scheduler.step(2.5);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1 * 0.5 ** 2.5, 15);
    const resumed = new ExponentialLR(sgd(0.1), { gamma: 0.5 });
    resumed.loadStateDict(JSON.parse(JSON.stringify(scheduler.stateDict())));
    resumed.step();
    expect(resumed.getLastLr()[0]).toBeCloseTo(0.1 * 0.5 ** 3.5, 15);
  });

  it("accepts a negative gamma: the lr alternates in sign on whole steps; a fractional epoch would be NaN and is refused", () => {
    const optimizer = sgd(0.1);
    const scheduler = new ExponentialLR(optimizer, { gamma: -0.5 });
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBe(-0.05);
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBe(0.025);
    expect(thrown(() => scheduler.step(2.5))).toBeInstanceOf(StepError);
    expect([scheduler.lastEpoch, optimizer.paramGroups[0]!.lr]).toEqual([2, 0.025]);
  });

  it.each([
    [{}, "gamma"],
    [{ gamma: Number.NaN }, "gamma"],
    [{ gamma: Infinity }, "gamma"],
    [{ gamma: 0.5, last_epoch: 1.5 }, "last_epoch"],
    [{ gamma: 0.5, decay: 1 }, "decay"],
  ])("refuses %j, naming %s", (options, option) => {
    const error = thrown(() => new ExponentialLR(sgd(0.1), options as never));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });
});
