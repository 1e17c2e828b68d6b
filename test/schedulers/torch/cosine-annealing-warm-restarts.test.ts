import { describe, expect, it } from "vitest";
import { CosineAnnealingWarmRestarts, InvalidOptionError, InvalidStateDictError, StepError, createScheduler } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

const steps = (scheduler: CosineAnnealingWarmRestarts, n: number) => {
  for (let k = 0; k < n; k++) scheduler.step();
  return scheduler.getLastLr()[0];
};

describe("CosineAnnealingWarmRestarts", () => {
  it("restarts every T_0 epochs when T_mult is 1", () => {
    const scheduler = new CosineAnnealingWarmRestarts(sgd(0.1), { t0: 10 });
    expect(steps(scheduler, 5)).toBeCloseTo(0.05, 15);
    expect(steps(scheduler, 5)).toBe(0.1);
    expect(steps(scheduler, 5)).toBeCloseTo(0.05, 15);
  });

  it("lengthens the cycles by T_mult: cycles [0, 5), [5, 15), [15, 35)", () => {
    const optimizer = sgd(0.1, 0.02);
    const scheduler = createScheduler(optimizer, { type: "CosineAnnealingWarmRestarts", params: { T_0: 5, T_mult: 2, eta_min: 0 } });
    expect(scheduler.scheduleAt(0, 5)).toBe(0.1);
    expect(scheduler.scheduleAt(0, 10)).toBeCloseTo(0.05, 15);
    expect(scheduler.scheduleAt(1, 10)).toBeCloseTo(0.01, 15);
    expect(scheduler.scheduleAt(0, 15)).toBe(0.1);
    expect(scheduler.scheduleAt(0, 25)).toBeCloseTo(0.05, 15);
  });

  it("takes fractional epochs with step(epoch); plain steps continue one epoch at a time", () => {
    const scheduler = new CosineAnnealingWarmRestarts(sgd(0.1), { t0: 10, etaMin: 0 });
    scheduler.step(2.5);
    expect(scheduler.getLastLr()[0]).toBeCloseTo((0.1 * (1 + Math.cos(Math.PI / 4))) / 2, 15);
    scheduler.step();
    expect(scheduler.lastEpoch).toBe(3.5);
    expect(scheduler.getLastLr()[0]).toBeCloseTo((0.1 * (1 + Math.cos(0.35 * Math.PI))) / 2, 15);
  });

  it("uses PyTorch's logarithm for step(epoch): at an exact restart it can land one cycle early", () => {
    // T_0 = 1, T_mult = 10: cycle 3 starts at epoch 111, where ln(1000) / ln(10) = 2.9999999999999996.
    const scheduler = new CosineAnnealingWarmRestarts(sgd(0.1), { t0: 1, tMult: 10, etaMin: 0.001 });
    expect(scheduler.scheduleAt(0, 111)).toBe(0.1);
    scheduler.step(111);
    expect(scheduler.getLastLr()[0]).toBeCloseTo(0.001, 15);
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict()));
    expect(dict.held.lr[0]).toBeCloseTo(0.001, 15); // the jump's values, kept for an exact resume
    const resumed = new CosineAnnealingWarmRestarts(sgd(0.1), { t0: 1, tMult: 10, etaMin: 0.001 });
    resumed.loadStateDict(dict);
    expect(resumed.getLastLr()[0]).toBeCloseTo(0.001, 15);
    for (const s of [scheduler, resumed]) {
      s.step();
      expect(s.getLastLr()[0]).toBeCloseTo(0.001 + (0.099 * (1 + Math.cos(Math.PI / 1000))) / 2, 15);
    }
  });

  it("reads PyTorch's state dict: the epoch is last_epoch + frac(T_cur)", () => {
    const scheduler = new CosineAnnealingWarmRestarts(sgd(0.1), { t0: 4 });
    scheduler.loadStateDict({ T_0: 4, T_i: 8, T_mult: 2, eta_min: 0.001, T_cur: 4.5, base_lrs: [0.1], last_epoch: 8, _step_count: 0 });
    expect(scheduler.lastEpoch).toBe(8.5);
    expect(scheduler.options.tMult).toBe(2);
    expect(scheduler.getLastLr()[0]).toBeCloseTo(0.04084302906020166, 15);
    const bad = thrown(() => scheduler.loadStateDict({ T_0: 4, T_i: 7, T_mult: 2, T_cur: 1, base_lrs: [0.1], last_epoch: 5 }));
    expect(bad).toBeInstanceOf(InvalidStateDictError);
    expect((bad as InvalidStateDictError).field).toBe("T_i");
    expect(scheduler.lastEpoch).toBe(8.5);
  });

  it("refuses another schedule's PyTorch state dict", () => {
    const scheduler = new CosineAnnealingWarmRestarts(sgd(0.1), { t0: 4 });
    const error = thrown(() => scheduler.loadStateDict({ T_max: 10, eta_min: 0, base_lrs: [0.1], last_epoch: 3 })) as InvalidStateDictError;
    expect(error.code).toBe("wrong-state-dict-type");
    expect(scheduler.lastEpoch).toBe(0);
  });

  it("refuses a negative or non-finite epoch", () => {
    const scheduler = new CosineAnnealingWarmRestarts(sgd(0.1), { t0: 4 });
    expect(thrown(() => scheduler.step(-1))).toBeInstanceOf(StepError);
    expect(thrown(() => scheduler.step(Number.NaN))).toBeInstanceOf(StepError);
    expect(scheduler.lastEpoch).toBe(0);
  });

  it.each([
    [{ T_0: 0 }, "T_0"],
    [{ t0: 2.5 }, "t0"],
    [{ t0: -1 }, "t0"],
    [{}, "T_0"],
    [{ T_0: 5, T_mult: 0 }, "T_mult"],
    [{ T_0: 5, T_mult: 1.5 }, "T_mult"],
    [{ T_0: 5, eta_min: Infinity }, "eta_min"],
    [{ T_0: 5, T_max: 5 }, "T_max"],
  ])("refuses %j, naming %s", (options, option) => {
    const error = thrown(() => new CosineAnnealingWarmRestarts(sgd(0.1), options as never));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });
});
