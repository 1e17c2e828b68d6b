import { describe, expect, it } from "vitest";
import { InvalidOptionError, StepLR } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("StepLR", () => {
  it("decays by gamma every step_size steps", () => {
    const optimizer = sgd(0.1, 1);
    const scheduler = new StepLR(optimizer, { stepSize: 3, gamma: 0.5 });
    const lrs: number[][] = [];
    for (let k = 0; k < 7; k++) {
      lrs.push(optimizer.paramGroups.map((g) => g.lr));
      scheduler.step();
    }
    expect(lrs).toEqual([[0.1, 1], [0.1, 1], [0.1, 1], [0.05, 0.5], [0.05, 0.5], [0.05, 0.5], [0.025, 0.25]]);
  });

  it("defaults gamma to 0.1 and resumes from last_epoch with initialLr", () => {
    const optimizer = { paramGroups: [{ lr: 0.5, initialLr: 1 }] };
    const scheduler = new StepLR(optimizer, { stepSize: 10, lastEpoch: 9 });
    expect(scheduler.lastEpoch).toBe(10);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1, 15);
  });

  it("refuses last_epoch without initialLr in the groups", () => {
    const error = thrown(() => new StepLR(sgd(1), { stepSize: 10, lastEpoch: 3 })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("lastEpoch");
    const python = thrown(() => new StepLR(sgd(1), { step_size: 10, last_epoch: 3 } as never)) as InvalidOptionError;
    expect(python.option).toBe("last_epoch");
  });

  const invalid: [Record<string, unknown>, string][] = [
    [{ stepSize: 0 }, "stepSize"],
    [{ stepSize: -3 }, "stepSize"],
    [{ step_size: 1.5 }, "step_size"],
    [{ stepSize: NaN }, "stepSize"],
    [{ stepSize: Infinity }, "stepSize"],
    [{ stepSize: 2, gamma: NaN }, "gamma"],
    [{ stepSize: 2, gamma: Infinity }, "gamma"],
    [{ stepSize: 2, gamma: "0.1" }, "gamma"],
    [{ stepSize: 2, last_epoch: -2 }, "last_epoch"],
    [{ stepSize: 2, stepsize: 3 }, "stepsize"],
    [{ gamma: 0.1 }, "step_size"],
  ];
  for (const [options, option] of invalid) {
    it(`refuses ${JSON.stringify(options, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v))}, naming ${option}`, () => {
      const error = thrown(() => new StepLR(sgd(1), options as never)) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
      expect(error.schedulerType).toBe("StepLR");
    });
  }
});

describe("StepLR.step(epoch)", () => {
  it("jumps in closed form and reports PyTorch's deprecation through onWarning", async () => {
    const { onWarning } = await import("../../../src/index.js");
    const codes: string[] = [];
    const stop = onWarning((w) => codes.push(`${w.schedulerType}:${w.code}`));
    const optimizer = sgd(1);
    const scheduler = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
    scheduler.step(5);
    scheduler.step();
    stop();
    expect(optimizer.paramGroups[0]!.lr).toBe(0.125);
    expect(codes).toEqual(["StepLR:deprecated-epoch-argument"]);
  });

  it("gives the same lr as gamma ** floor(t / step_size) afresh, in any order of steps (the power is memoised)", () => {
    const optimizer = sgd(0.1, 0.7);
    const scheduler = new StepLR(optimizer, { stepSize: 7, gamma: 0.93 });
    const expected = (i: number, t: number) => scheduler.baseLrs[i]! * 0.93 ** Math.floor(t / 7);
    const order = [1, 2, 6, 7, 8, 100, 3, 49, 48, 49, 0, 13.5, 14, 700, 699];
    for (const t of order) {
      expect([scheduler.scheduleAt(0, t), scheduler.scheduleAt(1, t)]).toEqual([expected(0, t), expected(1, t)]);
      scheduler.step(t);
      expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([expected(0, t), expected(1, t)]);
    }
    const resumed = new StepLR(sgd(0.1, 0.7), { stepSize: 7, gamma: 0.93 });
    resumed.step();
    resumed.loadStateDict(JSON.parse(JSON.stringify(scheduler.stateDict())));
    for (let k = 0; k < 20; k++) resumed.step();
    expect(resumed.getLastLr()).toEqual([expected(0, 719), expected(1, 719)]);
  });
});
