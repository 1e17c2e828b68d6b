import { describe, expect, it } from "vitest";
import { InvalidOptimizerError, OneCycle, StepError, createScheduler, onWarning, type Optimizer, type SchedulerWarning } from "../../../src/index.js";
import { adam, sgd, thrown } from "../../support/optimizer.js";
import { itAccepts, itRefuses } from "./refusals.js";

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

  it("switches one decay off when its rate is exactly 0, the other keeps decaying", () => {
    const optimizer = adam(0.5);
    const scheduler = new OneCycle(optimizer, { ...options, decayLrRate: 0 });
    scheduler.step(12);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1);
    expect(optimizer.paramGroups[0]!.betas![0]).toBeCloseTo(1.035, 14);
    const other = adam(0.5);
    new OneCycle(other, { ...options, decayMomRate: 0 }).step(12);
    expect(other.paramGroups[0]!.lr).toBeCloseTo(0.1 / 1.75, 14);
    expect(other.paramGroups[0]!.betas).toEqual([0.9, 0.99]);
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

  it("takes per-group lists (DeepSpeed documents them but crashes)", () => {
    const optimizer = adam(1, 1);
    const scheduler = new OneCycle(optimizer, { ...options, cycleMinLr: [0.1, 0.2], cycleMaxLr: [1.1, 2.2], cycleMinMom: [0.8, 0.7] });
    expect(optimizer.paramGroups.map((g) => g.betas![0])).toEqual([0.8, 0.7]);
    scheduler.step(3);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(1.1, 14);
    expect(optimizer.paramGroups[1]!.lr).toBeCloseTo(2.2, 14);
    expect(optimizer.paramGroups[0]!.betas![0]).toBeCloseTo(0.8, 14);
    expect(optimizer.paramGroups[1]!.betas![0]).toBeCloseTo(0.7, 14);
  });

  it("writes betas in place: groups may share one betas list when their momenta agree, and are refused when they differ", () => {
    const betas = [0.9, 0.999];
    const shared = (): Optimizer => ({ paramGroups: [{ lr: 1, betas }, { lr: 1, betas }], defaults: { betas } });
    const optimizer = shared();
    new OneCycle(optimizer, { ...options, cycleMinLr: [0.1, 0.2], cycleMaxLr: [1.1, 2.2] }).step(0);
    expect(betas[0]).toBeCloseTo(0.875, 14);
    expect(betas[1]).toBe(0.99);
    const error = thrown(() => new OneCycle(shared(), { ...options, cycleMinMom: [0.8, 0.7] })) as InvalidOptimizerError;
    expect(error).toBeInstanceOf(InvalidOptimizerError);
    expect(error.field).toBe("paramGroups[1].betas");
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

  describe("getMom(), DeepSpeed's get_mom()", () => {
    it("gives beta1 of each group at the current iteration, as the groups hold it once stepped", () => {
      const optimizer = adam(0.5, 0.5);
      const scheduler = new OneCycle(optimizer, { ...options, cycleMaxMom: [0.9, 0.95] });
      for (const it of [0, 3, 6, 9, 10, 12]) {
        scheduler.step(it);
        expect(scheduler.getMom()).toEqual(optimizer.paramGroups.map((g) => g.betas![0]));
      }
      // After the cycle: cycle_max_mom * (1 + decay_mom_rate * (12 - 10 + 1) / decay_step_size)
      expect(scheduler.getMom()![0]).toBeCloseTo(0.9 * 1.15, 14);
      scheduler.step();
      expect(scheduler.getMom()).toEqual(optimizer.paramGroups.map((g) => g.betas![0]));
    });

    it("gives cycle_max_mom right after construction, as DeepSpeed's does, although construction wrote cycle_min_mom", () => {
      const optimizer = adam(0.5);
      const scheduler = new OneCycle(optimizer, options);
      expect(optimizer.paramGroups[0]!.betas![0]).toBe(0.8);
      expect(scheduler.getMom()).toEqual([0.9]);
    });

    it("is null when momentum cycling is off (SGD by default, or cycle_momentum false), and SGD's momentum with momentumTarget 'momentum'", () => {
      expect(new OneCycle(sgd(0.5), options).getMom()).toBeNull();
      expect(new OneCycle(adam(0.5), { ...options, cycleMomentum: false }).getMom()).toBeNull();
      const optimizer = sgd(0.5);
      const scheduler = new OneCycle(optimizer, { ...options, momentumTarget: "momentum" });
      scheduler.step(0);
      expect(scheduler.getMom()).toEqual([optimizer.paramGroups[0]!.momentum]);
    });

    it("is there on a OneCycle built by createScheduler", () => {
      const scheduler = createScheduler(adam(0.5), { type: "OneCycle", params: { cycle_min_lr: 0.1, cycle_max_lr: 1, cycle_first_step_size: 5 } });
      expect(scheduler).toBeInstanceOf(OneCycle);
      expect((scheduler as OneCycle).getMom()).toEqual([0.9]);
    });

    it("follows a loaded state dict", () => {
      const scheduler = new OneCycle(adam(0.5), options);
      scheduler.loadStateDict({ last_batch_iteration: 3 });
      expect(scheduler.getMom()![0]).toBeCloseTo(0.8, 14);
    });
  });

  it("step(-1) runs the cycle formula there, as DeepSpeed's does: the min lr, and cycle_max_mom", () => {
    const optimizer = adam(0.5);
    const scheduler = new OneCycle(optimizer, options);
    scheduler.step(5);
    scheduler.step(-1);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1);
    expect(optimizer.paramGroups[0]!.betas).toEqual([0.9, 0.99]);
    scheduler.step();
    expect(optimizer.paramGroups[0]!.betas![0]).toBeCloseTo(0.875, 14);
  });

  it("runs cycle_first_step_size 0 as DeepSpeed does, refusing the iterations where it divides by zero (the start of each cycle)", () => {
    const optimizer = adam(0.5);
    const scheduler = new OneCycle(optimizer, { ...options, cycleFirstStepSize: 0, cycleSecondStepSize: 4, decayStepSize: 0 });
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1);
    scheduler.step(0);
    // x = 1/4 after a rise of length 0: (x - 1) / (0 - 1)
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1 + 0.75, 14);
    scheduler.step(2);
    const error = thrown(() => scheduler.step()) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(error.step).toBe(3);
    expect(scheduler.lastEpoch).toBe(2);
  });

  it("refuses the step at which a negative decay rate makes the lr's divisor 0 (DeepSpeed divides by zero there)", () => {
    const optimizer = adam(0.5);
    // divisor 1 - 0.25 * k / 2: 0 at k = 8, i.e. iteration 10 + 8 - 1
    const scheduler = new OneCycle(optimizer, { ...options, decayLrRate: -0.25 });
    scheduler.step(16);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1 / 0.125, 14);
    expect(() => scheduler.step()).toThrow(StepError);
    expect(scheduler.lastEpoch).toBe(16);
    scheduler.step(18);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1 / -0.125, 14);
  });

  itAccepts(OneCycle, () => adam(1), [
    { ...options, cycleMinLr: -1 },
    { ...options, cycleFirstStepSize: 0 },
    { ...options, cycleSecondStepSize: 2.5 },
    { ...options, decayStepSize: -1 },
    { ...options, decayLrRate: -0.1 },
    { ...options, cycleMinMom: 1.5 },
    { ...options, cycleFirstStairCount: 0.5, cycleSecondStairCount: null },
    { cycle_min_lr: 0.1, cycle_max_lr: 1, cycle_min_mom: 2 },
  ]);

  itRefuses(OneCycle, () => adam(1), [
    [{ cycle_max_lr: 1 }, "cycle_min_lr"],
    [{ cycleMinLr: 0.1 }, "cycle_max_lr"],
    [{ ...options, cycleMaxLr: [1, 2, 3] }, "cycleMaxLr"],
    // DeepSpeed divides by the cycle's length at construction.
    [{ ...options, cycleFirstStepSize: 0, cycleSecondStepSize: 0 }, "cycleSecondStepSize"],
    [{ cycle_min_lr: 0.1, cycle_max_lr: 1, cycle_first_step_size: 0 }, "cycle_first_step_size"],
    [{ ...options, decayMomRate: NaN }, "decayMomRate"],
    [{ ...options, cycleMaxMom: [0.9, 0.9] }, "cycleMaxMom"],
    [{ ...options, cycleMomentum: "yes" }, "cycleMomentum"],
    [{ ...options, momentumTarget: "nesterov" }, "momentumTarget"],
    [{ ...options, lastBatchIteration: -2 }, "lastBatchIteration"],
    [{ cycle_min_lr: [0.1, 0.2], cycle_max_lr: 1 }, "cycle_min_lr"],
    [{ cycle_min_lr: 0.1, cycle_max_lr: 1, last_batch_iteration: -2 }, "last_batch_iteration"],
  ]);
});
