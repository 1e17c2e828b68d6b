import { describe, expect, it } from "vitest";
import { InvalidOptimizerError, OneCycle, onWarning, type Optimizer, type SchedulerWarning } from "../../../src/index.js";
import { adam, sgd, thrown } from "../../support/optimizer.js";
import { itRefuses } from "./refusals.js";

/** lr and beta1/momentum of group 0 after stepping to each iteration in turn. */
function trace(scheduler: OneCycle, optimizer: Optimizer, iterations: number[], read: (o: Optimizer) => number): number[] {
  return iterations.map((it) => {
    scheduler.step(it);
    return read(optimizer);
  });
}

const options = {
  cycleMinLr: 0.1,
  cycleMaxLr: 1.1,
  cycleFirstStepSize: 4,
  cycleSecondStepSize: 6,
  decayStepSize: 2,
  decayLrRate: 0.5,
  cycleMinMom: 0.8,
  cycleMaxMom: 0.9,
  decayMomRate: 0.1,
};

describe("OneCycle", () => {
  it("starts at the min lr with betas (cycle_min_mom, 0.99), like DeepSpeed", () => {
    const optimizer = adam(0.5);
    new OneCycle(optimizer, options);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1);
    expect(optimizer.paramGroups[0]!.betas).toEqual([0.8, 0.99]);
  });

  it("cycles up over the first step size, down over the second, then decays (positions from it + 1)", () => {
    const optimizer = adam(0.5);
    const scheduler = new OneCycle(optimizer, options);
    const its = [0, 3, 6, 9, 10, 12];
    const lrs = trace(scheduler, optimizer, its, (o) => o.paramGroups[0]!.lr);
    [0.35, 1.1, 0.6, 0.1, 0.08, 0.1 / 1.75].forEach((want, k) => expect(lrs[k]).toBeCloseTo(want, 14));
    const moms = trace(scheduler, optimizer, its, (o) => o.paramGroups[0]!.betas![0]!);
    // After the cycle momentum grows from cycle_max_mom, past 1 eventually (DeepSpeed does the same).
    [0.875, 0.8, 0.85, 0.9, 0.945, 1.035].forEach((want, k) => expect(moms[k]).toBeCloseTo(want, 14));
    expect(optimizer.paramGroups[0]!.betas![1]).toBe(0.99);
  });

  it("has no decay when decay_step_size is 0: lr stays at the min, momentum at the max", () => {
    const optimizer = adam(0.5);
    const scheduler = new OneCycle(optimizer, { ...options, decayStepSize: 0 });
    scheduler.step(50);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1);
    expect(optimizer.paramGroups[0]!.betas).toEqual([0.9, 0.99]);
  });

  it("ignores the stair counts, as DeepSpeed does", () => {
    const a = adam(0.5);
    const b = adam(0.5);
    const plain = new OneCycle(a, options);
    const stairs = new OneCycle(b, { ...options, cycleFirstStairCount: 3, cycleSecondStairCount: 2 });
    for (let k = 0; k < 20; k++) {
      plain.step();
      stairs.step();
      expect(b.paramGroups).toEqual(a.paramGroups);
    }
  });

  it("leaves SGD's momentum alone by default (DeepSpeed turns cycling off without betas) and cycles it with momentumTarget 'momentum'", () => {
    const untouched = sgd(0.5);
    new OneCycle(untouched, options).step(3);
    expect(untouched.paramGroups[0]!.momentum).toBe(0.9);
    expect(untouched.paramGroups[0]!.lr).toBeCloseTo(1.1, 14);

    const cycled = sgd(0.5);
    const scheduler = new OneCycle(cycled, { ...options, momentumTarget: "momentum" });
    expect(cycled.paramGroups[0]!.momentum).toBe(0.8);
    scheduler.step(3);
    expect(cycled.paramGroups[0]!.momentum).toBeCloseTo(0.8, 14);
    scheduler.step(0);
    expect(cycled.paramGroups[0]!.momentum).toBeCloseTo(0.875, 14);
  });

  it("with cycle_second_step_size 0 only rises, then drops back to the min", () => {
    const optimizer = adam(0.5);
    const scheduler = new OneCycle(optimizer, { ...options, cycleSecondStepSize: 0, decayStepSize: 0 });
    const lrs = [1, 2, 3, 4].map((it) => {
      scheduler.step(it);
      return optimizer.paramGroups[0]!.lr;
    });
    [0.6, 0.85, 0.1, 0.1].forEach((want, k) => expect(lrs[k]).toBeCloseTo(want, 14));
  });

  it("reports through onWarning when cycle_momentum is on but has nothing to cycle (SGD, as DeepSpeed warns)", () => {
    const warnings: SchedulerWarning[] = [];
    const stop = onWarning((w) => warnings.push(w));
    new OneCycle(sgd(0.5), options);
    new OneCycle(sgd(0.5), { ...options, cycleMomentum: false });
    new OneCycle(sgd(0.5), { ...options, momentumTarget: "momentum" });
    new OneCycle(adam(0.5), options);
    stop();
    expect(warnings.map((w) => [w.schedulerType, w.code])).toEqual([["OneCycle", "momentum-cycling-disabled"]]);
  });

  it("leaves betas alone with cycle_momentum false", () => {
    const optimizer = adam(0.5);
    new OneCycle(optimizer, { ...options, cycleMomentum: false }).step(3);
    expect(optimizer.paramGroups[0]!.betas).toEqual([0.9, 0.999]);
  });

  it("takes per-group lists (DeepSpeed documents them but crashes) and keeps shared betas lists apart", () => {
    const betas = [0.9, 0.999];
    const optimizer: Optimizer = { paramGroups: [{ lr: 1, betas }, { lr: 1, betas }], defaults: { betas } };
    const scheduler = new OneCycle(optimizer, { ...options, cycleMinLr: [0.1, 0.2], cycleMaxLr: [1.1, 2.2], cycleMinMom: [0.8, 0.7] });
    scheduler.step(3);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(1.1, 14);
    expect(optimizer.paramGroups[1]!.lr).toBeCloseTo(2.2, 14);
    expect(optimizer.paramGroups[0]!.betas![0]).toBeCloseTo(0.8, 14);
    expect(optimizer.paramGroups[1]!.betas![0]).toBeCloseTo(0.7, 14);
    expect(betas).toEqual([0.9, 0.999]);
  });

  it("reads the betas rule from the groups when the optimizer has no defaults", () => {
    const optimizer: Optimizer = { paramGroups: [{ lr: 1, betas: [0.9, 0.999] }] };
    new OneCycle(optimizer, options);
    expect(optimizer.paramGroups[0]!.betas).toEqual([0.8, 0.99]);
  });

  it("refuses momentum cycling into a field the groups lack", () => {
    const noBetas = thrown(() => new OneCycle(sgd(1), { ...options, momentumTarget: "betas" })) as InvalidOptimizerError;
    expect(noBetas).toBeInstanceOf(InvalidOptimizerError);
    expect(noBetas.field).toBe("paramGroups[0].betas");
    const noMomentum = thrown(() => new OneCycle(adam(1), { ...options, momentumTarget: "momentum" })) as InvalidOptimizerError;
    expect(noMomentum).toBeInstanceOf(InvalidOptimizerError);
    expect(noMomentum.field).toBe("paramGroups[0].momentum");
  });

  itRefuses(OneCycle, () => adam(1), [
    [{ cycle_max_lr: 1 }, "cycle_min_lr"],
    [{ cycleMinLr: 0.1 }, "cycle_max_lr"],
    [{ ...options, cycleMinLr: -1 }, "cycleMinLr"],
    [{ ...options, cycleMaxLr: [1, 2, 3] }, "cycleMaxLr"],
    [{ ...options, cycleFirstStepSize: 0 }, "cycleFirstStepSize"],
    [{ ...options, cycleSecondStepSize: 2.5 }, "cycleSecondStepSize"],
    [{ ...options, decayStepSize: -1 }, "decayStepSize"],
    [{ ...options, decayLrRate: -0.1 }, "decayLrRate"],
    [{ ...options, decayMomRate: NaN }, "decayMomRate"],
    [{ ...options, cycleMinMom: 1.5 }, "cycleMinMom"],
    [{ ...options, cycleMaxMom: [0.9, 0.9] }, "cycleMaxMom"],
    [{ ...options, cycleMomentum: "yes" }, "cycleMomentum"],
    [{ ...options, cycleFirstStairCount: 0.5 }, "cycleFirstStairCount"],
    [{ ...options, momentumTarget: "nesterov" }, "momentumTarget"],
    [{ ...options, lastBatchIteration: -2 }, "lastBatchIteration"],
    [{ cycle_min_lr: [0.1, 0.2], cycle_max_lr: 1 }, "cycle_min_lr"],
    [{ cycle_min_lr: 0.1, cycle_max_lr: 1, cycle_min_mom: 2 }, "cycle_min_mom"],
    [{ cycle_min_lr: 0.1, cycle_max_lr: 1, last_batch_iteration: -2 }, "last_batch_iteration"],
  ]);
});
