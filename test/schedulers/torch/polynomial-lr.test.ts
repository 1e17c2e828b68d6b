import { describe, expect, it } from "vitest";
import { InvalidOptionError, PolynomialLR, StepError } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("PolynomialLR", () => {
  it("decays as (1 - t / total_iters) ** power and stays at 0", () => {
    const scheduler = new PolynomialLR(sgd(0.1), { totalIters: 40, power: 2 });
    expect(scheduler.scheduleAt(0, 10)).toBeCloseTo(0.05625, 15);
    expect(scheduler.scheduleAt(0, 30)).toBeCloseTo(0.00625, 15);
    expect(scheduler.scheduleAt(0, 40)).toBe(0);
    expect(scheduler.scheduleAt(0, 60)).toBe(0);
  });

  it("defaults to 5 steps, power 1", () => {
    const scheduler = new PolynomialLR(sgd(0.1, 0.3));
    scheduler.step();
    scheduler.step();
    expect(scheduler.getLastLr()[0]).toBeCloseTo(0.06, 15);
    expect(scheduler.getLastLr()[1]).toBeCloseTo(0.18, 15);
  });

  it("leaves the lr unchanged when total_iters is 0", () => {
    const scheduler = new PolynomialLR(sgd(0.1), { total_iters: 0 } as never);
    for (let k = 0; k < 7; k++) scheduler.step();
    expect(scheduler.getLastLr()).toEqual([0.1]);
    expect([scheduler.scheduleAt(0, 0.5), scheduler.scheduleAt(0, -3), scheduler.scheduleAt(0, 1e300)]).toEqual([0.1, 0.1, 0.1]);
  });

  it("accepts a negative power; the step that reaches total_iters would divide by zero and is refused", () => {
    const optimizer = sgd(0.1);
    const scheduler = new PolynomialLR(optimizer, { totalIters: 2, power: -1 });
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.2, 15);
    expect(thrown(() => scheduler.step())).toBeInstanceOf(StepError);
    expect(scheduler.lastEpoch).toBe(1);
  });

  it("leaves the lr unchanged for a negative total_iters; a jump uses PyTorch's closed form (0 there), and total_iters 0 divides by zero on a jump", () => {
    const negative = new PolynomialLR(sgd(0.1), { totalIters: -1 });
    negative.step();
    expect(negative.getLastLr()).toEqual([0.1]);
    negative.step(4);
    expect(negative.getLastLr()).toEqual([0]);
    const zero = new PolynomialLR(sgd(0.1), { totalIters: 0 });
    expect(thrown(() => zero.step(4))).toBeInstanceOf(StepError);
  });

  it.each([
    [{ power: Number.NaN }, "power"],
    [{ totalIters: 2.5 }, "totalIters"],
    [{ gamma: 1 }, "gamma"],
  ])("refuses %j, naming %s", (options, option) => {
    const error = thrown(() => new PolynomialLR(sgd(0.1), options as never));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });

  it("gives (1 - t / total_iters) ** power bit for bit", () => {
    const pow = (x: number, p: number) => x ** p;
    for (const power of [1, 2, 3, 0.5]) {
      const scheduler = new PolynomialLR(sgd(0.1, 0.7), { totalIters: 97, power });
      for (let t = 0; t <= 100; t++) {
        const factor = pow(1 - Math.min(97, t) / 97, power);
        expect([scheduler.scheduleAt(0, t), scheduler.scheduleAt(1, t)]).toEqual([0.1 * factor, 0.7 * factor]);
      }
    }
  });
});
