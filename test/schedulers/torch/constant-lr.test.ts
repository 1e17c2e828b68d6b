import { describe, expect, it } from "vitest";
import { ConstantLR, InvalidOptionError } from "../../../src/index.js";
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

  it("refuses factor 0 with total_iters > 0 at construction (PyTorch divides by it at total_iters)", () => {
    const error = thrown(() => new ConstantLR(sgd(0.1), { factor: 0, totalIters: 3 }));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe("factor");
  });

  it.each([
    [{ factor: 1.5 }, "factor"],
    [{ factor: -0.1 }, "factor"],
    [{ factor: Number.NaN }, "factor"],
    [{ total_iters: -1 }, "total_iters"],
    [{ totalIters: 2.5 }, "totalIters"],
    [{ totalIters: Infinity }, "totalIters"],
    [{ gamma: 0.5 }, "gamma"],
  ])("refuses %j, naming %s", (options, option) => {
    const error = thrown(() => new ConstantLR(sgd(0.1), options as never));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });
});
