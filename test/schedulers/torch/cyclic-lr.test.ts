import { describe, expect, it } from "vitest";
import { CyclicLR, InvalidOptimizerError, InvalidOptionError, InvalidStateDictError, LRSchedulerError, createScheduler, type Optimizer } from "../../../src/index.js";
import { adam, sgd, thrown } from "../../support/optimizer.js";

/** The lr after each of `steps` steps (construction excluded). */
function run(scheduler: CyclicLR, optimizer: Optimizer, steps: number, group = 0): number[] {
  const lrs: number[] = [];
  for (let k = 0; k < steps; k++) {
    scheduler.step();
    lrs.push(optimizer.paramGroups[group]!.lr);
  }
  return lrs;
}

describe("CyclicLR", () => {
  it("rises over step_size_up and falls over step_size_down (triangular)", () => {
    const optimizer = sgd(0.5);
    const scheduler = new CyclicLR(optimizer, { baseLr: 0.1, maxLr: 1.1, stepSizeUp: 4, stepSizeDown: 6, cycleMomentum: false });
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1);
    const lrs = run(scheduler, optimizer, 12);
    // t=2: half way up; t=4: the peak; t=7: half way down; t=10: back at base_lr; t=12: half way up again
    expect(lrs[1]).toBeCloseTo(0.6, 14);
    expect(lrs[3]).toBeCloseTo(1.1, 14);
    expect(lrs[6]).toBeCloseTo(0.6, 14);
    expect(lrs[9]).toBeCloseTo(0.1, 14);
    expect(lrs[11]).toBeCloseTo(0.6, 14);
  });

  it("halves the amplitude every cycle in triangular2 and scales by gamma**t in exp_range", () => {
    const o2 = sgd(1);
    const s2 = new CyclicLR(o2, { baseLr: 0.1, maxLr: 1.1, stepSizeUp: 5, mode: "triangular2", cycleMomentum: false });
    const lrs2 = run(s2, o2, 15);
    expect(lrs2[4]).toBeCloseTo(1.1, 14); // first peak, scale 1
    expect(lrs2[14]).toBeCloseTo(0.6, 14); // second peak, scale 1/2
    const oe = sgd(1);
    const se = new CyclicLR(oe, { baseLr: 0.1, maxLr: 1.1, stepSizeUp: 4, mode: "exp_range", gamma: 0.5, cycleMomentum: false });
    expect(run(se, oe, 2)[1]).toBeCloseTo(0.1 + 0.5 * 0.25, 14); // position 0.5, scale 0.5**2
  });

  it("inverts the cycle when max_lr < base_lr", () => {
    const optimizer = sgd(1);
    const scheduler = new CyclicLR(optimizer, { baseLr: 1, maxLr: 0.2, stepSizeUp: 2, cycleMomentum: false });
    const [half, trough] = run(scheduler, optimizer, 2);
    expect(half).toBeCloseTo(0.6, 14);
    expect(trough).toBeCloseTo(0.2, 14);
  });

  it("passes the cycle number or the step counter to a custom scale_fn", () => {
    const byCycle = sgd(1);
    const c = new CyclicLR(byCycle, { baseLr: 0, maxLr: 1, stepSizeUp: 2, scaleFn: (x) => 1 / x, mode: "anything", cycleMomentum: false });
    expect(run(c, byCycle, 6)[5]).toBeCloseTo(0.5, 14); // t=6: cycle 2, position 1
    const byStep = sgd(1);
    const s = new CyclicLR(byStep, { baseLr: 0, maxLr: 1, stepSizeUp: 2, scaleFn: (x) => 1 / (x + 1), scaleMode: "iterations", cycleMomentum: false });
    expect(run(s, byStep, 1)[0]).toBeCloseTo(0.5 * (1 / 2), 14);
  });

  it("cycles momentum inversely and adds maxMomentum/baseMomentum to the groups", () => {
    const optimizer = sgd(0.5);
    optimizer.paramGroups[0]!.momentum = 0.5;
    const scheduler = new CyclicLR(optimizer, { baseLr: 0.1, maxLr: 1.1, stepSizeUp: 4, baseMomentum: 0.8, maxMomentum: 0.9 });
    const group = optimizer.paramGroups[0]!;
    expect(group).toMatchObject({ lr: 0.1, momentum: 0.9, maxMomentum: 0.9, baseMomentum: 0.8, initialLr: 0.1 });
    scheduler.step();
    scheduler.step();
    expect(group.momentum).toBeCloseTo(0.85, 14);
    scheduler.step();
    scheduler.step();
    expect(group.momentum).toBeCloseTo(0.8, 14);
  });

  it("keeps an initialLr a group already has (PyTorch's setdefault), and writes nothing into the groups when resuming", () => {
    const optimizer = sgd(0.5);
    optimizer.paramGroups[0]!.initialLr = 0.7;
    new CyclicLR(optimizer, { baseLr: 0.1, maxLr: 1.1, stepSizeUp: 4 });
    expect(optimizer.paramGroups[0]).toMatchObject({ lr: 0.1, initialLr: 0.7, momentum: 0.9 });
    const resumed: Optimizer = { paramGroups: [{ lr: 0.5, initialLr: 0.1, momentum: 0.5 }], defaults: { momentum: 0.9 } };
    new CyclicLR(resumed, { baseLr: 0.1, maxLr: 1.1, stepSizeUp: 4, lastEpoch: 1 });
    expect(resumed.paramGroups[0]!.lr).toBeCloseTo(0.6, 14); // t = 2: half way up
    expect(resumed.paramGroups[0]!.maxMomentum).toBeUndefined();
  });

  it("cycles betas[0] in place when the optimizer's defaults have betas", () => {
    const optimizer = adam(0.001);
    const betas = optimizer.paramGroups[0]!.betas!;
    const scheduler = new CyclicLR(optimizer, { baseLr: 0.1, maxLr: 1.1, stepSizeUp: 4, baseMomentum: 0.8, maxMomentum: 0.9 });
    expect(betas).toEqual([0.9, 0.999]);
    scheduler.step();
    scheduler.step();
    expect(optimizer.paramGroups[0]!.betas).toBe(betas);
    expect(betas[0]).toBeCloseTo(0.85, 14);
    expect(betas[1]).toBe(0.999);
    expect(optimizer.paramGroups[0]!.momentum).toBeUndefined();
  });

  it("decides between betas and momentum from the groups when the optimizer has no defaults", () => {
    const withBetas: Optimizer = { paramGroups: [{ lr: 1, betas: [0.5, 0.999] }] };
    new CyclicLR(withBetas, { baseLr: 0.1, maxLr: 1 });
    expect(withBetas.paramGroups[0]!.betas).toEqual([0.9, 0.999]);
    const withMomentum: Optimizer = { paramGroups: [{ lr: 1, momentum: 0 }] };
    new CyclicLR(withMomentum, { baseLr: 0.1, maxLr: 1, maxMomentum: 0.7, baseMomentum: 0.6 });
    expect(withMomentum.paramGroups[0]!.momentum).toBe(0.7);
    const neither: Optimizer = { paramGroups: [{ lr: 1 }] };
    const error = thrown(() => new CyclicLR(neither, { baseLr: 0.1, maxLr: 1 })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("cycle_momentum");
    expect(neither.paramGroups[0]).toEqual({ lr: 1 }); // nothing half-applied
  });

  it("takes per-group lists", () => {
    const optimizer = sgd(1, 1);
    const scheduler = createScheduler(optimizer, {
      type: "CyclicLR",
      params: { base_lr: [0.1, 1], max_lr: [0.3, 3], step_size_up: 2, base_momentum: [0.8, 0.7], max_momentum: [0.9, 0.95] },
    });
    expect(optimizer.paramGroups.map((g) => g.momentum)).toEqual([0.9, 0.95]);
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.2, 14);
    expect(optimizer.paramGroups[1]!.lr).toBeCloseTo(2, 14);
    expect(optimizer.paramGroups[1]!.momentum).toBeCloseTo(0.825, 14);
  });

  it("saves a custom scale_fn as null and keeps the constructor's function on load", () => {
    const scaleFn = (x: number) => 1 / x;
    const optimizer = sgd(1);
    const scheduler = new CyclicLR(optimizer, { baseLr: 0, maxLr: 1, stepSizeUp: 2, scaleFn, cycleMomentum: false });
    run(scheduler, optimizer, 5);
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict())) as Record<string, unknown>;
    expect((dict.options as Record<string, unknown>).scaleFn).toBeNull();
    expect(dict.functionOptions).toEqual(["scaleFn"]);
    const resumedOptimizer = sgd(1);
    const resumed = new CyclicLR(resumedOptimizer, { baseLr: 0, maxLr: 1, stepSizeUp: 2, scaleFn, cycleMomentum: false });
    resumed.loadStateDict(dict);
    expect(resumed.lastEpoch).toBe(5);
    expect(resumed.options.scaleFn).toBe(scaleFn);
    expect(resumedOptimizer.paramGroups[0]!.lr).toBeCloseTo(0.25, 14); // t=5: cycle 2, position 0.5, scale 1/2
  });

  it("reads PyTorch's state dict keys (max_lrs, total_size, step_ratio, base_momentums, max_momentums)", () => {
    const optimizer = sgd(1);
    const scheduler = new CyclicLR(optimizer, { baseLr: 0.1, maxLr: 1 });
    scheduler.loadStateDict({
      max_lrs: [2.1],
      total_size: 10.0,
      step_ratio: 0.4,
      mode: "triangular",
      gamma: 1.0,
      scale_mode: "cycle",
      cycle_momentum: true,
      use_beta1: false,
      base_momentums: [0.5],
      max_momentums: [0.7],
      base_lrs: [0.1],
      last_epoch: 2,
      _step_count: 3,
      _last_lr: [1.1],
      _scale_fn_custom: null,
    });
    expect(scheduler.lastEpoch).toBe(2);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(1.1, 14); // position 0.5 of (0.1 -> 2.1)
    expect(optimizer.paramGroups[0]!.momentum).toBeCloseTo(0.6, 14);
    scheduler.step();
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(2.1, 14); // the peak at step_size_up = 4
  });

  const invalid: [Record<string, unknown>, string][] = [
    [{ max_lr: 1 }, "base_lr"],
    [{ base_lr: 0.1 }, "max_lr"],
    [{ base_lr: [0.1, 0.2], max_lr: 1 }, "base_lr"],
    [{ base_lr: 0.1, maxLr: [1, 2, 3] }, "maxLr"],
    [{ base_lr: 0.1, max_lr: NaN }, "max_lr"],
    [{ base_lr: 0.1, max_lr: 1, step_size_up: 0 }, "step_size_up"],
    [{ base_lr: 0.1, max_lr: 1, step_size_up: 5, step_size_down: -5 }, "step_size_down"],
    [{ base_lr: 0.1, max_lr: 1, mode: "cosine" }, "mode"],
    [{ base_lr: 0.1, max_lr: 1, gamma: Infinity }, "gamma"],
    [{ base_lr: 0.1, max_lr: 1, scale_fn: 3 }, "scale_fn"],
    [{ base_lr: 0.1, max_lr: 1, scale_mode: 3 }, "scale_mode"],
    [{ base_lr: 0.1, max_lr: 1, cycle_momentum: "yes" }, "cycle_momentum"],
    [{ base_lr: 0.1, max_lr: 1, base_momentum: [0.8, 0.8] }, "base_momentum"],
    [{ base_lr: 0.1, max_lr: 1, maxMomentum: "0.9" }, "maxMomentum"],
  ];
  it.each(invalid)("refuses %o naming %s", (params, option) => {
    const optimizer = sgd(0.5);
    const error = thrown(() => createScheduler(optimizer, { type: "CyclicLR", params })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe(option);
    expect(optimizer.paramGroups[0]).toEqual({ lr: 0.5, momentum: 0.9, weightDecay: 0 });
  });

  it("accepts what PyTorch runs: negative bounds and step sizes, any scale_mode (other than \"cycle\": the step counter)", () => {
    const optimizer = sgd(0.5);
    const negative = new CyclicLR(optimizer, { baseLr: -0.1, maxLr: 0.1, stepSizeUp: 2, cycleMomentum: false });
    expect(optimizer.paramGroups[0]!.lr).toBe(-0.1);
    expect(run(negative, optimizer, 2)).toEqual([0, 0.1]);
    // step_size_down -1: total 1, ratio 2 (every position is on the rise, x / 2)
    const shortFall = sgd(0.5);
    const s = new CyclicLR(shortFall, { baseLr: 0, maxLr: 1, stepSizeUp: 2, stepSizeDown: -1, cycleMomentum: false });
    expect(run(s, shortFall, 1)[0]).toBe(0);
    const byStep = sgd(1);
    const epochMode = new CyclicLR(byStep, { baseLr: 0, maxLr: 1, stepSizeUp: 2, scaleFn: (x) => 1 / (x + 1), scaleMode: "epoch", cycleMomentum: false });
    expect(run(epochMode, byStep, 1)[0]).toBeCloseTo(0.5 * (1 / 2), 14);
  });

  it("refuses step_size_up 0, where PyTorch divides by zero at construction", () => {
    const optimizer = sgd(0.5);
    const error = thrown(() => new CyclicLR(optimizer, { baseLr: 0.1, maxLr: 1, stepSizeUp: 0, stepSizeDown: 4 })) as InvalidOptionError;
    expect(error.option).toBe("stepSizeUp");
    expect(optimizer.paramGroups[0]).toEqual({ lr: 0.5, momentum: 0.9, weightDecay: 0 });
  });

  it("refuses a momentum cycle that overflows, leaving the groups untouched", () => {
    const optimizer = sgd(0.5);
    const error = thrown(() => new CyclicLR(optimizer, { baseLr: 0.1, maxLr: 1, stepSizeUp: 2, baseMomentum: -1e308, maxMomentum: 1e308 }));
    expect(error).toBeInstanceOf(LRSchedulerError);
    expect(optimizer.paramGroups[0]).toEqual({ lr: 0.5, momentum: 0.9, weightDecay: 0 });
  });

  it("refuses another schedule's PyTorch state dict", () => {
    const scheduler = new CyclicLR(sgd(1), { baseLr: 0.1, maxLr: 1 });
    const error = thrown(() => scheduler.loadStateDict({ step_size: 2, gamma: 0.5, base_lrs: [0.1], last_epoch: 3 })) as InvalidStateDictError;
    expect(error.code).toBe("wrong-state-dict-type");
  });

  it("says what a non-string mode must be", () => {
    const error = thrown(() => new CyclicLR(sgd(0.5), { baseLr: 0.1, maxLr: 1, mode: 3 as never })) as InvalidOptionError;
    expect(error.message).toBe('CyclicLR: option "mode" must be a string; got 3.');
  });

  it("refuses cycle_momentum for an optimizer whose defaults have neither momentum nor betas", () => {
    const adagrad: Optimizer = { paramGroups: [{ lr: 0.1 }], defaults: { lr: 0.1 } };
    const error = thrown(() => new CyclicLR(adagrad, { baseLr: 0.01, maxLr: 0.1 })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("cycle_momentum");
    expect(() => new CyclicLR(adagrad, { baseLr: 0.01, maxLr: 0.1, cycleMomentum: false })).not.toThrow();
  });

  it("refuses betas cycling on a group without betas", () => {
    const optimizer: Optimizer = { paramGroups: [{ lr: 0.1 }], defaults: { betas: [0.9, 0.999] } };
    const error = thrown(() => new CyclicLR(optimizer, { baseLr: 0.01, maxLr: 0.1 })) as InvalidOptimizerError;
    expect(error).toBeInstanceOf(InvalidOptimizerError);
    expect(error.field).toBe("paramGroups[0].betas");
  });
});
