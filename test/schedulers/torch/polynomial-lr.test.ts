import { describe, expect, it } from "vitest";
import { InvalidOptionError, PolynomialLR } from "../../../src/index.js";
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

  it.each([
    [{ power: -1 }, "power"],
    [{ power: Number.NaN }, "power"],
    [{ total_iters: -1 }, "total_iters"],
    [{ totalIters: 2.5 }, "totalIters"],
    [{ gamma: 1 }, "gamma"],
  ])("refuses %j, naming %s", (options, option) => {
    const error = thrown(() => new PolynomialLR(sgd(0.1), options as never));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });

  it("gives (1 - t / total_iters) ** power bit for bit, also for the powers 1 and 2 computed without pow", () => {
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
