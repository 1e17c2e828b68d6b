import { describe, expect, it } from "vitest";
import { InvalidOptionError, InvalidStateDictError, MultiplicativeLR, StepError } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

/** Halves the lr on even steps; counts its calls. */
function halvingOnEvenSteps() {
  const f = Object.assign((k: number) => (f.calls++, k % 2 === 0 ? 0.5 : 1), { calls: 0 });
  return f;
}

describe("MultiplicativeLR", () => {
  it("multiplies the lr by f(t) at each step: lr_t = base * f(1) * ... * f(t)", () => {
    const optimizer = sgd(0.1, 1);
    const scheduler = new MultiplicativeLR(optimizer, { lrLambda: [() => 0.9, halvingOnEvenSteps()] });
    expect(scheduler.getLastLr()).toEqual([0.1, 1]);
    for (let k = 0; k < 4; k++) scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1 * 0.9 ** 4, 15);
    expect(optimizer.paramGroups[1]!.lr).toBe(0.25);
  });

  it("calls the function once per step when stepping, and recomputes the product for other steps", () => {
    const f = halvingOnEvenSteps();
    const scheduler = new MultiplicativeLR(sgd(1), { lrLambda: f });
    for (let k = 0; k < 100; k++) scheduler.step();
    expect(f.calls).toBe(100);
    expect(scheduler.getLastLr()).toEqual([0.5 ** 50]);
    expect(scheduler.scheduleAt(0, 6)).toBe(0.125);
    expect(f.calls).toBe(106);
    scheduler.step(4);
    expect(scheduler.getLastLr()).toEqual([0.25]);
    scheduler.step();
    expect(scheduler.getLastLr()).toEqual([0.25]);
  });

  it("calls one function shared by every group once per step, and a list's functions once each", () => {
    const f = halvingOnEvenSteps();
    const optimizer = sgd(1, 0.5, 0.25);
    const scheduler = new MultiplicativeLR(optimizer, { lrLambda: f });
    for (let k = 0; k < 10; k++) scheduler.step();
    expect(f.calls).toBe(10);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.5 ** 5, 0.5 ** 6, 0.5 ** 7]);
    expect(scheduler.scheduleAt(2, 10)).toBe(0.5 ** 7);
    scheduler.step(4);
    expect(f.calls).toBe(14);
    expect(scheduler.getLastLr()).toEqual([0.25, 0.125, 0.0625]);
    const [g, h] = [halvingOnEvenSteps(), halvingOnEvenSteps()];
    const list = new MultiplicativeLR(sgd(1, 0.5), { lrLambda: [g, h] });
    for (let k = 0; k < 10; k++) list.step();
    expect([g.calls, h.calls]).toEqual([10, 10]);
    expect(list.getLastLr()).toEqual([0.5 ** 5, 0.5 ** 6]);
  });

  it("resumes exactly from JSON and from PyTorch's state dict, recomputing the product", () => {
    const f = halvingOnEvenSteps();
    const scheduler = new MultiplicativeLR(sgd(1), { lrLambda: f });
    for (let k = 0; k < 7; k++) scheduler.step();
    const resumed = new MultiplicativeLR(sgd(1), { lrLambda: f });
    resumed.loadStateDict(JSON.parse(JSON.stringify(scheduler.stateDict())));
    expect(resumed.getLastLr()).toEqual([0.125]);
    resumed.step();
    expect(resumed.getLastLr()).toEqual([0.0625]);
    const fromTorch = new MultiplicativeLR(sgd(1), { lrLambda: f });
    fromTorch.loadStateDict({ base_lrs: [1], last_epoch: 4, _step_count: 5, lr_lambdas: [null] });
    expect(fromTorch.getLastLr()).toEqual([0.25]);
  });

  it("takes whole, non-negative epochs only", () => {
    const scheduler = new MultiplicativeLR(sgd(1), { lrLambda: () => 0.5 });
    expect(thrown(() => scheduler.step(2.5))).toBeInstanceOf(StepError);
    expect(thrown(() => scheduler.step(-1))).toBeInstanceOf(StepError);
    expect(scheduler.lastEpoch).toBe(0);
    const dict = { ...scheduler.stateDict(), lastEpoch: 1.5 };
    const error = thrown(() => scheduler.loadStateDict(dict));
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect((error as InvalidStateDictError).field).toBe("lastEpoch");
  });

  it("refuses a factor that is not a finite number, or a product that overflows", () => {
    const optimizer = sgd(0.1);
    const scheduler = new MultiplicativeLR(optimizer, { lrLambda: (k) => (k === 3 ? Infinity : 2) });
    scheduler.step();
    scheduler.step();
    expect(thrown(() => scheduler.step())).toBeInstanceOf(StepError);
    expect(scheduler.lastEpoch).toBe(2);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.4, 15);
    const overflow = new MultiplicativeLR(sgd(0.1), { lrLambda: () => 1e300 });
    overflow.step();
    expect(thrown(() => overflow.step())).toBeInstanceOf(StepError);
  });

  it("refuses quickly a product that would take more than a million calls to recompute, changing nothing", () => {
    const f = halvingOnEvenSteps();
    const optimizer = sgd(1);
    const scheduler = new MultiplicativeLR(optimizer, { lrLambda: f });
    const started = Date.now();
    const jump = thrown(() => scheduler.step(1_000_001)) as StepError;
    expect(jump).toBeInstanceOf(StepError);
    expect(jump.message).toContain("1000000");
    expect(f.calls).toBe(0);
    const load = thrown(() => scheduler.loadStateDict({ base_lrs: [1], last_epoch: 2_000_000, _step_count: 1, lr_lambdas: [null] }));
    expect(load).toBeInstanceOf(InvalidStateDictError);
    expect((load as InvalidStateDictError).field).toBe("last_epoch");
    expect(Date.now() - started).toBeLessThan(100);
    expect([scheduler.lastEpoch, optimizer.paramGroups[0]!.lr, f.calls]).toEqual([0, 1, 0]);
  });

  it("keeps the running product when another step is looked at, so that stepping stays one call per step", () => {
    const f = halvingOnEvenSteps();
    const scheduler = new MultiplicativeLR(sgd(1), { lrLambda: f });
    for (let k = 0; k < 50; k++) scheduler.step();
    expect(scheduler.scheduleAt(0, 3)).toBe(0.5);
    expect(scheduler.scheduleAt(0, 4)).toBe(0.25);
    expect(f.calls).toBe(54); // 3 calls for step 3, one more for step 4 from there
    scheduler.step();
    expect(f.calls).toBe(55);
    expect(scheduler.getLastLr()).toEqual([0.5 ** 25]);
    // a refused step leaves the product of the current step at hand
    const failing = new MultiplicativeLR(sgd(1), { lrLambda: (k) => (k === 3 ? Number.NaN : 0.5) });
    failing.step();
    failing.step();
    expect(thrown(() => failing.step())).toBeInstanceOf(StepError);
    expect(failing.getLr()).toEqual([0.25]);
  });

  it("refuses another schedule's PyTorch state dict", () => {
    const scheduler = new MultiplicativeLR(sgd(1), { lrLambda: () => 0.5 });
    const error = thrown(() => scheduler.loadStateDict({ gamma: 0.5, base_lrs: [1], last_epoch: 3 })) as InvalidStateDictError;
    expect(error.code).toBe("wrong-state-dict-type");
  });

  it.each([
    [{}, "lr_lambda"],
    [{ lrLambda: "0.9" }, "lrLambda"],
    [{ lr_lambda: [() => 1] }, "lr_lambda"],
    [{ lrLambda: () => 1, gamma: 0.9 }, "gamma"],
  ])("refuses %j, naming %s", (options, option) => {
    const error = thrown(() => new MultiplicativeLR(sgd(0.1, 0.2), options as never));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe(option);
  });
});
