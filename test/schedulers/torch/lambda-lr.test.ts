import { describe, expect, it } from "vitest";
import { InvalidOptionError, InvalidStateDictError, LambdaLR, StepError, createScheduler } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("LambdaLR", () => {
  it("scales each group's base lr by its function of the step", () => {
    const optimizer = sgd(0.1, 0.2);
    const scheduler = new LambdaLR(optimizer, { lrLambda: [(t) => t + 1, (t) => 1 / (t + 1)] });
    expect(scheduler.getLastLr()).toEqual([0.1, 0.2]);
    for (let k = 0; k < 3; k++) scheduler.step();
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.4, 0.05]);
    expect(scheduler.scheduleAt(1, 9)).toBeCloseTo(0.02, 15);
  });

  it("uses one function for every group, also through createScheduler with lr_lambda", () => {
    const optimizer = sgd(0.1, 1);
    const scheduler = createScheduler(optimizer, { type: "LambdaLR", params: { lr_lambda: (t: number) => 0.5 ** t } });
    scheduler.step(3);
    expect(scheduler.getLastLr()).toEqual([0.0125, 0.125]);
  });

  it("calls one function shared by every group once per step, and a list's functions once each", () => {
    const counted = () => Object.assign((t: number) => (f.calls++, 0.5 ** t), { calls: 0 });
    const f = counted();
    const optimizer = sgd(0.1, 1, 2);
    const scheduler = new LambdaLR(optimizer, { lrLambda: f });
    for (let k = 0; k < 5; k++) scheduler.step();
    expect(f.calls).toBe(6); // construction and 5 steps
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1 * 0.5 ** 5, 0.5 ** 5, 2 * 0.5 ** 5]);
    const list = new LambdaLR(sgd(0.1, 1), { lrLambda: [(t) => 1 / (t + 1), (t) => t + 1] });
    list.step();
    expect(list.getLastLr()).toEqual([0.05, 2]);
  });

  it("saves the functions as null and keeps the constructor's on load", () => {
    const lambdas = [(t: number) => 0.9 ** t, (t: number) => 1 - t / 100];
    const scheduler = new LambdaLR(sgd(0.1, 0.2), { lrLambda: lambdas });
    for (let k = 0; k < 10; k++) scheduler.step();
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict()));
    expect(dict.options.lrLambda).toEqual([null, null]);
    expect(dict.functionOptions).toEqual(["lrLambda"]);
    const optimizer = sgd(0.1, 0.2);
    const resumed = new LambdaLR(optimizer, { lrLambda: lambdas });
    resumed.loadStateDict(dict);
    expect(resumed.lastEpoch).toBe(10);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1 * 0.9 ** 10, 0.2 * 0.9]);
  });

  it("reads PyTorch's state dict (lr_lambdas are null there)", () => {
    const optimizer = sgd(0.1);
    const scheduler = new LambdaLR(optimizer, { lrLambda: (t) => 1 / (t + 1) });
    scheduler.loadStateDict({ base_lrs: [0.1], last_epoch: 4, _step_count: 5, lr_lambdas: [null], _last_lr: [0.02] });
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.02, 15);
  });

  it("refuses another schedule's PyTorch state dict", () => {
    const scheduler = new LambdaLR(sgd(0.1), { lrLambda: () => 1 });
    const error = thrown(() => scheduler.loadStateDict({ step_size: 2, gamma: 0.5, base_lrs: [0.1], last_epoch: 3 })) as InvalidStateDictError;
    expect(error.code).toBe("wrong-state-dict-type");
  });

  it("refuses a function that returns a non-finite value, leaving the groups and the counter as they were", () => {
    const optimizer = sgd(0.1, 0.2);
    const scheduler = new LambdaLR(optimizer, { lrLambda: [() => 1, (t) => (t === 2 ? Number.NaN : 1)] });
    scheduler.step();
    const error = thrown(() => scheduler.step());
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).step).toBe(2);
    expect((error as StepError).message).toContain("lr_lambda");
    expect(scheduler.lastEpoch).toBe(1);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.2]);
    // Already at construction (step 0) the options are refused as a whole.
    const atConstruction = thrown(() => new LambdaLR(sgd(0.1), { lrLambda: (() => "0.5") as never })) as InvalidOptionError;
    expect(atConstruction).toBeInstanceOf(InvalidOptionError);
    expect(atConstruction.expected).toContain("finite values at the first step");
    expect(atConstruction.expected).toContain('lr_lambda returned "0.5"');
  });

  const one = (): number => 1;
  it.each<[Record<string, unknown>, string]>([
    [{}, "lr_lambda"],
    [{ lr_lambda: 0.5 }, "lr_lambda"],
    [{ lrLambda: [] }, "lrLambda"],
    [{ lrLambda: [one, 2] }, "lrLambda"],
    [{ lrLambda: [one, one, one] }, "lrLambda"],
    [{ lr_lambda: [one, one, one] }, "lr_lambda"],
    [{ lrLambda: one, last_epoch: -3 }, "last_epoch"],
    [{ lrLambda: one, lr_lambdas: [] }, "lr_lambdas"],
  ])("refuses %j, naming %s", (options, option) => {
    const error = thrown(() => new LambdaLR(sgd(0.1, 0.2), options as never));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });
});
