import { describe, expect, it } from "vitest";
import { ConstantLR, InvalidOptionError, StepError } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("ConstantLR", () => {
  it("applies the factor until total_iters, then restores the base lr", () => {
    const optimizer = sgd(0.1, 0.4);
    const scheduler = new ConstantLR(optimizer, { factor: 0.5, totalIters: 4 });
    expect(scheduler.getLastLr()).toEqual([0.05, 0.2]);
    for (let k = 0; k < 3; k++) scheduler.step();
    expect(scheduler.getLastLr()).toEqual([0.05, 0.2]);
    scheduler.step();
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.4]);
  });

  it("defaults to factor 1/3 for 5 steps", () => {
    const scheduler = new ConstantLR(sgd(0.3));
    expect(scheduler.scheduleAt(0, 4)).toBeCloseTo(0.1, 15);
    expect(scheduler.scheduleAt(0, 5)).toBe(0.3);
  });

  it("keeps the factor forever when total_iters is 0, even a factor of 0", () => {
    expect(new ConstantLR(sgd(0.1), { factor: 0.5, totalIters: 0 }).scheduleAt(0, 100)).toBe(0.05);
    const zero = new ConstantLR(sgd(0.1), { factor: 0, total_iters: 0 } as never);
    zero.step();
    expect(zero.getLastLr()).toEqual([0]);
  });

  it("accepts factor 0 with total_iters > 0, and refuses the step that lands on total_iters (PyTorch divides by the factor there)", () => {
    const optimizer = sgd(0.1);
    const scheduler = new ConstantLR(optimizer, { factor: 0, totalIters: 3 });
    scheduler.step();
    scheduler.step();
    expect(scheduler.getLastLr()).toEqual([0]);
    const error = thrown(() => scheduler.step());
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).step).toBe(3);
    expect(scheduler.lastEpoch).toBe(2);
    expect(optimizer.paramGroups[0]!.lr).toBe(0);
    // PyTorch's deprecated step(epoch) uses its closed form, which lifts the factor without dividing.
    scheduler.step(3);
    expect(scheduler.getLastLr()).toEqual([0.1]);
    scheduler.step();
    expect(scheduler.getLastLr()).toEqual([0.1]);
  });

  it("keeps the factor forever for a negative total_iters (PyTorch's steps never land on it); its closed form lifts it on a jump", () => {
    const scheduler = new ConstantLR(sgd(0.1), { factor: 0.5, totalIters: -1 });
    for (let k = 0; k < 5; k++) scheduler.step();
    expect(scheduler.getLastLr()).toEqual([0.05]);
    scheduler.step(7);
    expect(scheduler.getLastLr()).toEqual([0.1]);
    expect(JSON.parse(JSON.stringify(scheduler.stateDict())).held).toEqual({ lr: [0.1] });
  });

  it.each([
    [{ factor: 1.5 }, "factor"],
    [{ factor: -0.1 }, "factor"],
    [{ factor: Number.NaN }, "factor"],
    [{ totalIters: 2.5 }, "totalIters"],
    [{ totalIters: Infinity }, "totalIters"],
    [{ gamma: 0.5 }, "gamma"],
  ])("refuses %j, naming %s", (options, option) => {
    const error = thrown(() => new ConstantLR(sgd(0.1), options as never));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });
});
