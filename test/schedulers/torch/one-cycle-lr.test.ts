import { describe, expect, it } from "vitest";
import { InvalidOptionError, InvalidStateDictError, OneCycleLR, StepError, createScheduler, type Optimizer } from "../../../src/index.js";
import { adam, sgd, thrown } from "../../support/optimizer.js";

/** lr (and momentum) of group 0 after construction and after each of `steps` steps. */
function trace(scheduler: OneCycleLR, optimizer: Optimizer, steps: number): { lr: number[]; momentum: number[] } {
  const g = optimizer.paramGroups[0]!;
  const out = { lr: [g.lr], momentum: [g.momentum ?? NaN] };
  for (let k = 0; k < steps; k++) {
    scheduler.step();
    out.lr.push(g.lr);
    out.momentum.push(g.momentum ?? NaN);
  }
  return out;
}

describe("OneCycleLR", () => {
  // max_lr 1, div_factor 10, final_div_factor 100: initial_lr 0.1, min_lr 0.001.
  // total_steps 10, pct_start 0.3: the rise ends at step 2, the fall at step 9.
  const options = { maxLr: 1, totalSteps: 10, divFactor: 10, finalDivFactor: 100, baseMomentum: 0.85, maxMomentum: 0.95 };

  it("rises then falls linearly and writes initialLr, maxLr, minLr into the groups", () => {
    const optimizer = sgd(0.5);
    optimizer.paramGroups[0]!.initialLr = 7; // overwritten, unlike other schedules
    const scheduler = new OneCycleLR(optimizer, { ...options, annealStrategy: "linear" });
    expect(optimizer.paramGroups[0]).toMatchObject({ initialLr: 0.1, maxLr: 1, maxMomentum: 0.95, baseMomentum: 0.85 });
    expect(optimizer.paramGroups[0]!.minLr).toBeCloseTo(0.001, 15);
    expect(scheduler.baseLrs).toEqual([0.1]);
    const { lr, momentum } = trace(scheduler, optimizer, 10);
    expect(lr[0]).toBe(0.1);
    expect(lr[1]).toBeCloseTo(0.55, 14);
    expect(lr[2]).toBe(1);
    expect(lr[5]).toBeCloseTo(1 - 0.999 * (3 / 7), 14);
    expect(lr[9]).toBeCloseTo(0.001, 14);
    // step total_steps is allowed and extrapolates the last phase, as PyTorch does
    expect(lr[10]).toBeCloseTo(1 - 0.999 * (8 / 7), 14);
    expect(momentum[0]).toBe(0.95);
    expect(momentum[1]).toBeCloseTo(0.9, 14);
    expect(momentum[2]).toBeCloseTo(0.85, 14);
    expect(momentum[9]).toBeCloseTo(0.95, 14);
  });

  it("anneals by cosine by default", () => {
    const optimizer = sgd(0.5);
    const scheduler = new OneCycleLR(optimizer, options);
    const { lr } = trace(scheduler, optimizer, 3);
    expect(lr[1]).toBeCloseTo(1 + ((0.1 - 1) / 2) * (Math.cos(Math.PI / 2) + 1), 14);
    expect(lr[2]).toBeCloseTo(1, 14);
    expect(lr[3]).toBeCloseTo(0.001 + ((1 - 0.001) / 2) * (Math.cos(Math.PI / 7) + 1), 14);
  });

  it("goes back to initial_lr, then to min_lr with three_phase", () => {
    const optimizer = sgd(0.5);
    const scheduler = new OneCycleLR(optimizer, { ...options, threePhase: true, annealStrategy: "linear" });
    const { lr, momentum } = trace(scheduler, optimizer, 10);
    expect(lr[2]).toBe(1);
    expect(lr[3]).toBeCloseTo(0.55, 14);
    expect(lr[4]).toBeCloseTo(0.1, 14);
    expect(lr[9]).toBeCloseTo(0.001, 14);
    expect(momentum[3]).toBeCloseTo(0.9, 14);
    expect(momentum[4]).toBeCloseTo(0.95, 14);
    expect(momentum[7]).toBeCloseTo(0.95, 14);
  });

  it("derives total_steps from epochs * steps_per_epoch and throws on the step after the last", () => {
    const optimizer = sgd(0.5);
    const scheduler = createScheduler(optimizer, { type: "OneCycleLR", params: { max_lr: 1, epochs: 2, steps_per_epoch: 5, div_factor: 10 } });
    for (let k = 0; k < 10; k++) scheduler.step();
    const lr = optimizer.paramGroups[0]!.lr;
    const error = thrown(() => scheduler.step()) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(error.step).toBe(11);
    expect(scheduler.lastEpoch).toBe(10);
    expect(optimizer.paramGroups[0]!.lr).toBe(lr);
    expect(() => scheduler.step(11)).toThrow(StepError);
  });

  it("cycles betas[0] for Adam-style optimizers and leaves momentum alone without cycle_momentum", () => {
    const a = adam(0.001);
    const s = new OneCycleLR(a, options);
    expect(a.paramGroups[0]!.betas).toEqual([0.95, 0.999]);
    s.step();
    s.step();
    expect(a.paramGroups[0]!.betas![0]).toBeCloseTo(0.85, 14);
    const o = sgd(0.5);
    new OneCycleLR(o, { ...options, cycleMomentum: false });
    expect(o.paramGroups[0]!.momentum).toBe(0.9);
    expect(o.paramGroups[0]!.maxMomentum).toBeUndefined();
  });

  it("takes a per-group max_lr", () => {
    const optimizer = sgd(1, 1);
    new OneCycleLR(optimizer, { ...options, maxLr: [1, 10] });
    expect(optimizer.paramGroups.map((g) => g.initialLr)).toEqual([0.1, 1]);
  });

  it("resumes from its JSON state dict and refuses one past total_steps", () => {
    const optimizer = sgd(0.5);
    const scheduler = new OneCycleLR(optimizer, options);
    for (let k = 0; k < 4; k++) scheduler.step();
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict())) as { lastEpoch: number };
    const resumedOptimizer = sgd(0.5);
    const resumed = new OneCycleLR(resumedOptimizer, options);
    resumed.loadStateDict(dict);
    expect(resumedOptimizer.paramGroups[0]!.lr).toBe(optimizer.paramGroups[0]!.lr);
    expect(resumedOptimizer.paramGroups[0]!.momentum).toBe(optimizer.paramGroups[0]!.momentum);
    const error = thrown(() => resumed.loadStateDict({ ...dict, lastEpoch: 11 })) as InvalidStateDictError;
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect(error.field).toBe("lastEpoch");
    expect(resumed.lastEpoch).toBe(4);
  });

  const invalid: [Record<string, unknown>, string][] = [
    [{ total_steps: 10 }, "max_lr"],
    [{ max_lr: 1 }, "total_steps"],
    [{ max_lr: 1, epochs: 3 }, "total_steps"],
    [{ max_lr: 1, total_steps: 0 }, "total_steps"],
    [{ max_lr: 1, total_steps: 2.5 }, "total_steps"],
    [{ max_lr: 1, epochs: 0, steps_per_epoch: 5 }, "epochs"],
    [{ max_lr: 1, epochs: 2, steps_per_epoch: -5 }, "steps_per_epoch"],
    [{ max_lr: [1, 2], total_steps: 10 }, "max_lr"],
    [{ max_lr: 1, total_steps: 10, pct_start: 1.5 }, "pct_start"],
    [{ max_lr: 1, total_steps: 10, pct_start: -0.1 }, "pct_start"],
    [{ max_lr: 1, total_steps: 10, pct_start: 0.1 }, "pct_start"], // first phase of zero length
    [{ max_lr: 1, total_steps: 10, anneal_strategy: "exp" }, "anneal_strategy"],
    [{ max_lr: 1, total_steps: 10, div_factor: 0 }, "div_factor"],
    [{ max_lr: 1, total_steps: 10, final_div_factor: 0 }, "final_div_factor"],
    [{ max_lr: 1, total_steps: 10, three_phase: 1 }, "three_phase"],
    [{ max_lr: 1, total_steps: 10, max_momentum: [0.9, 0.9] }, "max_momentum"],
    [{ max_lr: 1, total_steps: 10, last_epoch: 10 }, "last_epoch"],
  ];
  it.each(invalid)("refuses %o naming %s", (params, option) => {
    const optimizer = sgd(0.5);
    const error = thrown(() => createScheduler(optimizer, { type: "OneCycleLR", params })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe(option);
    expect(optimizer.paramGroups[0]).toEqual({ lr: 0.5, momentum: 0.9, weightDecay: 0 });
  });

  it("accepts a last phase of zero length as PyTorch does; step total_steps, which divides by zero there, is refused", () => {
    for (const extra of [{ pctStart: 1 }, { pctStart: 0.55, threePhase: true }]) {
      const optimizer = sgd(0.5);
      const scheduler = new OneCycleLR(optimizer, { ...options, ...extra });
      for (let k = 0; k < 9; k++) scheduler.step();
      const lr = optimizer.paramGroups[0]!.lr;
      expect(thrown(() => scheduler.step())).toBeInstanceOf(StepError);
      expect([scheduler.lastEpoch, optimizer.paramGroups[0]!.lr]).toEqual([9, lr]);
    }
  });

  it("accepts a negative final_div_factor (min_lr below zero), as PyTorch does", () => {
    const optimizer = sgd(0.5);
    new OneCycleLR(optimizer, { ...options, finalDivFactor: -100 });
    expect(optimizer.paramGroups[0]!.minLr).toBeCloseTo(-0.001, 15);
  });

  it("reads PyTorch's state dict: total_steps, the phases (pct_start, three_phase) and the anneal strategy", () => {
    const optimizer = sgd(0.5);
    const scheduler = new OneCycleLR(optimizer, options);
    const phase = (end: number) => ({ end_step: end, start_lr: "initial_lr", end_lr: "max_lr", start_momentum: "max_momentum", end_momentum: "base_momentum" });
    scheduler.loadStateDict({
      total_steps: 20,
      _schedule_phases: [phase(3.0), phase(6.0), phase(19)],
      _anneal_func_type: "linear",
      cycle_momentum: true,
      use_beta1: false,
      base_lrs: [0.1],
      last_epoch: 2,
      _step_count: 3,
      _is_initial: false,
      _get_lr_called_within_step: false,
      _last_lr: [0.775],
    });
    expect(scheduler.options).toMatchObject({ totalSteps: 20, pctStart: 0.2, threePhase: true, annealStrategy: "linear" });
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1 + 0.9 * (2 / 3), 14);
    const other = thrown(() => scheduler.loadStateDict({ T_max: 10, eta_min: 0, base_lrs: [0.1], last_epoch: 2 })) as InvalidStateDictError;
    expect(other.code).toBe("wrong-state-dict-type");
    const bad = thrown(() => scheduler.loadStateDict({ total_steps: 20, _schedule_phases: [phase(3.0), phase(5.0), phase(19)], base_lrs: [0.1], last_epoch: 2 })) as InvalidStateDictError;
    expect(bad.field).toBe("_schedule_phases");
    expect(scheduler.lastEpoch).toBe(2);
  });

  it("accepts pct_start 0 (no rise) and refuses cycle_momentum without momentum or betas", () => {
    const optimizer = sgd(0.5);
    new OneCycleLR(optimizer, { maxLr: 1, totalSteps: 10, pctStart: 0 });
    // the fall starts at step -1, so step 0 is already 1/10 of the way from max_lr down to min_lr (4e-6)
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(4e-6 + ((1 - 4e-6) / 2) * (Math.cos(Math.PI / 10) + 1), 14);
    const adagrad: Optimizer = { paramGroups: [{ lr: 0.1 }], defaults: { lr: 0.1 } };
    const error = thrown(() => new OneCycleLR(adagrad, { maxLr: 1, totalSteps: 10 })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("cycle_momentum");
  });
});
