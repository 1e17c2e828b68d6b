import { describe, expect, it } from "vitest";
import { InvalidOptionError, InvalidStateDictError, MultiStepLR, createScheduler } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

const lrAfter = (scheduler: MultiStepLR, steps: number) => {
  for (let k = 0; k < steps; k++) scheduler.step();
  return scheduler.optimizer.paramGroups[0]!.lr;
};

describe("MultiStepLR", () => {
  it("decays by gamma at each milestone", () => {
    const scheduler = new MultiStepLR(sgd(0.1), { milestones: [30, 80], gamma: 0.1 });
    expect(lrAfter(scheduler, 29)).toBe(0.1);
    expect(lrAfter(scheduler, 1)).toBeCloseTo(0.01, 15);
    expect(lrAfter(scheduler, 50)).toBeCloseTo(0.001, 15);
  });

  it("treats the milestones as a multiset, in any order", () => {
    const scheduler = new MultiStepLR(sgd(0.1), { milestones: [25, 10, 10], gamma: 0.5 });
    expect(lrAfter(scheduler, 9)).toBe(0.1);
    expect(lrAfter(scheduler, 1)).toBe(0.025);
    expect(lrAfter(scheduler, 15)).toBe(0.0125);
    expect(scheduler.scheduleAt(0, 10)).toBe(0.025);
  });

  it("defaults gamma to 0.1 and accepts PyTorch's names through createScheduler", () => {
    const optimizer = sgd(1);
    const scheduler = createScheduler(optimizer, { type: "MultiStepLR", params: { milestones: [2], last_epoch: -1 } });
    scheduler.step();
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1, 15);
  });

  it("jumps with step(epoch) and continues from there", () => {
    const scheduler = new MultiStepLR(sgd(0.1), { milestones: [5, 12], gamma: 0.1 });
    scheduler.step(11);
    expect(scheduler.getLastLr()[0]).toBeCloseTo(0.01, 15);
    scheduler.step();
    expect(scheduler.lastEpoch).toBe(12);
    expect(scheduler.getLastLr()[0]).toBeCloseTo(0.001, 15);
  });

  it("reads PyTorch's state dict, whose milestones are a Counter", () => {
    const scheduler = new MultiStepLR(sgd(0.1), { milestones: [1] });
    scheduler.loadStateDict({ milestones: { "10": 2, "25": 1 }, gamma: 0.5, base_lrs: [0.1], last_epoch: 12, _step_count: 13 });
    expect(scheduler.options.milestones).toEqual([10, 10, 25]);
    expect(scheduler.getLastLr()).toEqual([0.025]);
  });

  it("refuses a malformed Counter, naming the field", () => {
    const scheduler = new MultiStepLR(sgd(0.1), { milestones: [1] });
    const error = thrown(() => scheduler.loadStateDict({ milestones: { ten: 1 }, base_lrs: [0.1], last_epoch: 3 }));
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect((error as InvalidStateDictError).field).toBe("milestones");
    expect(scheduler.lastEpoch).toBe(0);
  });

  it("accepts a negative milestone, which PyTorch's counter never reaches: it never decays", () => {
    const scheduler = new MultiStepLR(sgd(0.1), { milestones: [-1, 2] });
    expect(scheduler.getLastLr()).toEqual([0.1]);
    expect(lrAfter(scheduler, 2)).toBeCloseTo(0.01, 15);
  });

  it("refuses a Counter with a count above 1000 at once, without expanding it", () => {
    const scheduler = new MultiStepLR(sgd(0.1), { milestones: [1] });
    const started = Date.now();
    const error = thrown(() => scheduler.loadStateDict({ milestones: { "10": 1e9 }, gamma: 0.5, base_lrs: [0.1], last_epoch: 3 }));
    expect(Date.now() - started).toBeLessThan(100);
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect((error as InvalidStateDictError).field).toBe("milestones");
    scheduler.loadStateDict({ milestones: { "10": 1000 }, gamma: 0.5, base_lrs: [0.1], last_epoch: 3 });
    expect(scheduler.options.milestones).toHaveLength(1000);
  });

  it("refuses another schedule's PyTorch state dict", () => {
    const scheduler = new MultiStepLR(sgd(0.1), { milestones: [1] });
    const error = thrown(() => scheduler.loadStateDict({ gamma: 0.5, base_lrs: [0.1], last_epoch: 3 }));
    expect((error as InvalidStateDictError).code).toBe("wrong-state-dict-type");
    expect((thrown(() => scheduler.loadStateDict({ step_size: 2, gamma: 0.5, base_lrs: [0.1], last_epoch: 3 })) as InvalidStateDictError).field).toBe("step_size");
  });

  it.each([
    [{}, "milestones"],
    [{ milestones: [1.5] }, "milestones"],
    [{ milestones: 3 }, "milestones"],
    [{ milestones: [1], gamma: Number.NaN }, "gamma"],
    [{ milestones: [1], gamma: Infinity }, "gamma"],
    [{ milestones: [1], last_epoch: -2 }, "last_epoch"],
    [{ milestones: [1], step_size: 3 }, "step_size"],
  ])("refuses %j, naming %s", (options, option) => {
    const error = thrown(() => new MultiStepLR(sgd(0.1), options as never));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });

  it("gives the same lr as gamma ** bisect(milestones, t) afresh, in any order of steps (the power is memoised)", () => {
    const optimizer = sgd(0.1, 0.7);
    const scheduler = new MultiStepLR(optimizer, { milestones: [30, 5, 12, 12], gamma: 0.93 });
    const passed = (t: number) => [5, 12, 12, 30].filter((m) => m <= t).length;
    const expected = (i: number, t: number) => scheduler.baseLrs[i]! * 0.93 ** passed(t);
    for (const t of [1, 4, 5, 6, 11, 12, 13, 29, 30, 31, 100, 0, 29.5, 12, 11.99, 4.5, 5]) {
      expect([scheduler.scheduleAt(0, t), scheduler.scheduleAt(1, t)]).toEqual([expected(0, t), expected(1, t)]);
      scheduler.step(t);
      expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([expected(0, t), expected(1, t)]);
    }
    for (let k = 0; k < 30; k++) scheduler.step();
    expect(scheduler.getLastLr()).toEqual([expected(0, 35), expected(1, 35)]);
  });
});
