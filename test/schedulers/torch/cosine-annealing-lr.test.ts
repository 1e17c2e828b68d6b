import { describe, expect, it } from "vitest";
import { CosineAnnealingLR, InvalidOptionError, StepError, createScheduler } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("CosineAnnealingLR", () => {
  it("follows the half cosine from base_lr to eta_min, then climbs back (period 2 * T_max)", () => {
    const scheduler = new CosineAnnealingLR(sgd(0.1), { tMax: 50, etaMin: 0.001 });
    expect(scheduler.getLastLr()).toEqual([0.1]);
    expect(scheduler.scheduleAt(0, 25)).toBeCloseTo(0.0505, 15); // 0.001 + 0.099 * (1 + cos(pi / 2)) / 2
    expect(scheduler.scheduleAt(0, 50)).toBeCloseTo(0.001, 15);
    expect(scheduler.scheduleAt(0, 75)).toBeCloseTo(0.0505, 15);
    expect(scheduler.scheduleAt(0, 100)).toBeCloseTo(0.1, 15);
    for (let k = 0; k < 25; k++) scheduler.step();
    expect(scheduler.getLastLr()[0]).toBeCloseTo(0.0505, 15);
  });

  it("rises when the base lr is below eta_min, and takes PyTorch's names", () => {
    const optimizer = sgd(0.001);
    const scheduler = createScheduler(optimizer, { type: "CosineAnnealingLR", params: { T_max: 10, eta_min: 0.01 } });
    expect(scheduler.scheduleAt(0, 10)).toBeCloseTo(0.01, 15);
    expect(scheduler.scheduleAt(0, 5)).toBeCloseTo(0.0055, 15);
  });

  it("accepts a negative T_max (the cosine is even: the values of |T_max|)", () => {
    const negative = new CosineAnnealingLR(sgd(0.1), { tMax: -40, etaMin: 0.01 });
    const positive = new CosineAnnealingLR(sgd(0.1), { tMax: 40, etaMin: 0.01 });
    for (const t of [0, 1, 17, 40, 63, 80]) expect(negative.scheduleAt(0, t)).toBe(positive.scheduleAt(0, t));
  });

  it("accepts T_max 0 as PyTorch does: construction keeps the base lr, every later step is refused", () => {
    const optimizer = sgd(0.1);
    const scheduler = createScheduler(optimizer, { type: "CosineAnnealingLR", params: { T_max: 0 } });
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1);
    expect(thrown(() => scheduler.step())).toBeInstanceOf(StepError);
    expect(thrown(() => scheduler.step(0))).toBeInstanceOf(StepError);
    expect([scheduler.lastEpoch, optimizer.paramGroups[0]!.lr]).toEqual([0, 0.1]);
    // Resuming with T_max 0 could only fail at its first step: refused at construction.
    const resumed = thrown(() => new CosineAnnealingLR({ paramGroups: [{ lr: 0.1, initialLr: 0.1 }] }, { tMax: 0, lastEpoch: 4 }));
    expect((resumed as InvalidOptionError).option).toBe("tMax");
  });

  it.each([
    [{ tMax: Number.NaN }, "tMax"],
    [{ T_max: Infinity }, "T_max"],
    [{}, "T_max"],
    [{ T_max: 10, eta_min: Number.NaN }, "eta_min"],
    [{ T_max: 10, etaMax: 1 }, "etaMax"],
  ])("refuses %j, naming %s", (options, option) => {
    const error = thrown(() => new CosineAnnealingLR(sgd(0.1), options as never));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });
});
