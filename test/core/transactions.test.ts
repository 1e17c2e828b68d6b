/**
 * Issue #20, "Every call is a transaction": one test per defect the issue reports. Each would have
 * failed on the old class-based core; each asserts that a refused call is an LRSchedulerError with a
 * stable code and the path of the refused field, and that it changed nothing: not the groups, not the
 * scheduler (counter, options, base lrs, state dict), not the next step.
 */
import { describe, expect, it } from "vitest";
import {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingWarmRestarts,
  CyclicLR,
  EpochUnits,
  ExponentialLR,
  InvalidConfigError,
  InvalidOptimizerError,
  InvalidOptionError,
  InvalidStateDictError,
  LRSchedulerError,
  LinearLR,
  MultiStepLR,
  MultiplicativeLR,
  OneCycleLR,
  ReduceLROnPlateau,
  SequentialLR,
  StateDictMismatchError,
  StepError,
  StepLR,
  StepLRScheduler,
  CosineLRScheduler,
  WithWarmup,
  createScheduler,
  type LRScheduler,
  type Optimizer,
} from "../../src/index.js";
import { adam, sgd, thrown } from "../support/optimizer.js";
import { groupsSnapshot, schedulerSnapshot, writtenValues } from "../properties/transaction-support.js";

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/**
 * Runs a call that must be refused: returns its error (an LRSchedulerError with `code` and `path`),
 * having checked that the groups and the scheduler are bit for bit as they were.
 */
function refused(optimizer: Optimizer, scheduler: LRScheduler | undefined, call: () => unknown, code: string, path: string): LRSchedulerError {
  const groups = groupsSnapshot(optimizer);
  const state = scheduler && schedulerSnapshot(scheduler);
  const error = thrown(call);
  expect(error, String(error)).toBeInstanceOf(LRSchedulerError);
  const typed = error as LRSchedulerError;
  expect([typed.code, typed.path], typed.message).toEqual([code, path]);
  expect(groupsSnapshot(optimizer), "the groups").toBe(groups);
  if (scheduler) expect(schedulerSnapshot(scheduler), "the scheduler").toBe(state);
  return typed;
}

/** Milliseconds one call takes. */
function timed(call: () => unknown): number {
  const start = performance.now();
  try {
    call();
  } catch {
    // timed either way
  }
  return performance.now() - start;
}

describe("every load is bounded by the dict's size", () => {
  it("a 90-byte PyTorch MultiStepLR dict whose milestones Counter counts 1e9 is refused at once", () => {
    const optimizer = sgd(0.1);
    const s = new MultiStepLR(optimizer, { milestones: [5] });
    const dict = { last_epoch: 3, base_lrs: [0.1], milestones: { "5": 1e9 }, gamma: 0.1 };
    expect(JSON.stringify(dict).length).toBeLessThan(100);
    refused(optimizer, s, () => s.loadStateDict(dict), "invalid-state-dict", "milestones");
    expect(timed(() => s.loadStateDict(dict))).toBeLessThan(10);
    // A real Counter (a milestone given twice) loads: the cut is applied twice.
    s.loadStateDict({ last_epoch: 6, base_lrs: [0.1], milestones: { "5": 2 }, gamma: 0.1 });
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.001, 15);
  });

  it("MultiplicativeLR refuses a counter it would need seconds to recompute, in a constructor, a load or a step", () => {
    const optimizer = sgd(0.1);
    optimizer.paramGroups[0]!.initialLr = 0.1;
    const resume = () => new MultiplicativeLR(optimizer, { lrLambda: () => 0.99, lastEpoch: 1e8 });
    refused(optimizer, undefined, resume, "invalid-option", "options");
    const s = new MultiplicativeLR(optimizer, { lrLambda: () => 0.99 });
    const reference = { last_epoch: 1e8, base_lrs: [0.1], _last_lr: [0.1], lr_lambdas: [null], _step_count: 1e8 + 1 };
    refused(optimizer, s, () => s.loadStateDict(reference), "invalid-state-dict", "last_epoch");
    const own = { ...json(s.stateDict()), lastEpoch: 1e8 };
    refused(optimizer, s, () => s.loadStateDict(own), "invalid-state-dict", "lastEpoch");
    refused(optimizer, s, () => s.step(1e8), "step-refused", "");
    // Each refusal is immediate (the old core looped 1e8 times first).
    for (const call of [resume, () => s.loadStateDict(reference), () => s.loadStateDict(own), () => s.step(1e8)]) expect(timed(call)).toBeLessThan(10);
    // Within the recompute limit the product is taken: 0.99 ** 1000.
    s.loadStateDict({ ...reference, last_epoch: 1000, _step_count: 1001 });
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1 * 0.99 ** 1000, 12);
  });
});

describe("no half-applied load", () => {
  /** A SequentialLR of ExponentialLR then StepLR, 30 steps in. */
  function sequential() {
    const optimizer = sgd(1);
    const s = new SequentialLR(optimizer, { schedulers: [new ExponentialLR(optimizer, { gamma: 0.9 }), new StepLR(optimizer, { stepSize: 5 })], milestones: [20] });
    for (let k = 0; k < 30; k++) s.step();
    return { optimizer, s };
  }

  it("a composite whose checkpoint overflows only with the checkpoint's child options throws before committing anything", () => {
    const { optimizer, s } = sequential();
    const twin = sequential();
    const dict = json(s.stateDict());
    (dict.children![1]!.options as Record<string, unknown>).gamma = 1e300;
    refused(optimizer, s, () => s.loadStateDict(dict), "invalid-state-dict", "lastEpoch");
    // The children too are as they were: the next step is the twin's.
    s.step();
    twin.s.step();
    expect(writtenValues(optimizer)).toBe(writtenValues(twin.optimizer));
    expect(schedulerSnapshot(s)).toBe(schedulerSnapshot(twin.s));
  });

  const exponential = { type: "ExponentialLR", params: { gamma: 0.9 } };
  const decay = { type: "exponential_decay", params: { init_value: 0.1, transition_steps: 1, decay_rate: 0.9 } };
  it.each([
    ["SequentialLR", { schedulers: [exponential, exponential], milestones: [3] }],
    ["ChainedScheduler", { schedulers: [exponential, exponential] }],
    ["WithWarmup", { schedule: exponential, warmup_steps: 2 }],
    ["PerGroupScheduler", { schedules: [exponential] }],
    ["EpochUnits", { schedule: exponential, steps_per_epoch: 1 }],
    ["join_schedules", { schedules: [decay, decay], boundaries: [3] }],
  ])("%s: a checkpoint whose children's options overflow at its step is refused, the children unchanged", (type, params) => {
    const run = () => {
      const optimizer = sgd(0.1);
      const s = createScheduler(optimizer, { type, params } as never);
      for (let k = 0; k < 10; k++) s.step();
      return { optimizer, s };
    };
    const { optimizer, s } = run();
    const twin = run();
    const dict = json(s.stateDict());
    for (const child of dict.children!) {
      const options = child.options as Record<string, unknown>;
      if ("gamma" in options) options.gamma = 1e300;
      else options.decayRate = 1e300;
    }
    refused(optimizer, s, () => s.loadStateDict(dict), "invalid-state-dict", "lastEpoch");
    s.step();
    twin.s.step();
    expect(writtenValues(optimizer)).toBe(writtenValues(twin.optimizer));
    expect(schedulerSnapshot(s)).toBe(schedulerSnapshot(twin.s));
  });

  it('"current" refuses a counter at which the options it keeps overflow, on a composite and on any type', () => {
    const saved = new ExponentialLR(sgd(1), { gamma: 0.5 });
    for (let k = 0; k < 2000; k++) saved.step();
    const optimizer = sgd(1);
    const s = new ExponentialLR(optimizer, { gamma: 2 });
    refused(optimizer, s, () => s.loadStateDict(saved.stateDict(), { config: "current" }), "invalid-state-dict", "lastEpoch");

    const { optimizer: o2, s: seq } = sequential();
    const dict = json(seq.stateDict());
    const big = new SequentialLR(o2, { schedulers: [new ExponentialLR(o2, { gamma: 0.9 }), new StepLR(o2, { stepSize: 1, gamma: 1e300 })], milestones: [20] });
    refused(o2, big, () => big.loadStateDict(dict, { config: "current" }), "invalid-state-dict", "lastEpoch");
  });

  it("PyTorch's ChainedScheduler dict has no counter of its own: a step that overflows is named by its sub-schedulers' dicts", () => {
    const optimizer = sgd(0.1);
    const s = createScheduler(optimizer, { type: "ChainedScheduler", params: { schedulers: [{ type: "ConstantLR", params: { factor: 0.1, total_iters: 20 } }, { type: "ExponentialLR", params: { gamma: 0.9 } }] } });
    const child = { base_lrs: [0.1], last_epoch: 60, _step_count: 61, _is_initial: false, _get_lr_called_within_step: false, _last_lr: [0.0002] };
    const dict = { _last_lr: [0.0002], _schedulers: [{ factor: 0.1, total_iters: 20, ...child }, { gamma: 1e300, ...child }] };
    refused(optimizer, s, () => s.loadStateDict(dict), "invalid-state-dict", "_schedulers");
    s.loadStateDict({ ...dict, _schedulers: [dict._schedulers[0], { ...dict._schedulers[1], gamma: 0.9 }] });
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1 * 0.9 ** 60, 15);
  });

  it("a composite's reference dict names the child's field, and nothing of it is applied", () => {
    const optimizer = sgd(0.1);
    const s = createScheduler(optimizer, { type: "SequentialLR", params: { schedulers: [{ type: "LinearLR", params: { start_factor: 0.1, total_iters: 10 } }, { type: "CosineAnnealingLR", params: { T_max: 90 } }], milestones: [10] } });
    const child = { T_max: 90, eta_min: 0, base_lrs: [0.1], last_epoch: 20, _step_count: 21, _last_lr: [0.09] };
    const dict = { _milestones: [10], last_epoch: 30, _last_lr: [0.09], _schedulers: [{ start_factor: 0.1, end_factor: 1, total_iters: 10, base_lrs: [0.1], last_epoch: 9, _last_lr: [0.1] }, { ...child, T_max: "90" }] };
    refused(optimizer, s, () => s.loadStateDict(dict), "invalid-state-dict", "_schedulers[1].T_max");
  });
});

describe("no non-finite value reaches a group", () => {
  it("CyclicLR and OneCycleLR with extreme momentum bounds are refused at construction, the groups untouched", () => {
    const optimizer = sgd(0.1);
    refused(optimizer, undefined, () => new CyclicLR(optimizer, { baseLr: 0.01, maxLr: 0.1, baseMomentum: -1e308, maxMomentum: 1e308 }), "invalid-option", "options");
    refused(optimizer, undefined, () => new OneCycleLR(optimizer, { maxLr: 0.1, totalSteps: 10, baseMomentum: -1e308, maxMomentum: 1e308 }), "invalid-option", "options");
  });

  it("DeepSpeed's OneCycle refuses the step whose betas[0] would be Infinity, changing nothing", () => {
    const optimizer = adam(0.1);
    const s = createScheduler(optimizer, { type: "OneCycle", params: { cycle_min_lr: 0.01, cycle_max_lr: 0.1, cycle_first_step_size: 2, cycle_min_mom: 0.8, cycle_max_mom: 0.9, decay_mom_rate: 1e308, decay_step_size: 1 } });
    for (let k = 0; k < 5; k++) s.step();
    const error = refused(optimizer, s, () => s.step(), "non-finite-value", "paramGroups[0].beta1");
    expect(error).toBeInstanceOf(StepError);
  });

  it("Megatron refuses an Infinity weight decay at the step, and Infinity lrs as options or group overrides", () => {
    const params = { init_lr: 0, max_lr: 0.1, min_lr: 0, lr_warmup_steps: 1, lr_decay_steps: 10, lr_decay_style: "linear", start_wd: 0, end_wd: 1e308, wd_incr_steps: 10, wd_incr_style: "linear" };
    const optimizer: Optimizer = { paramGroups: [{ lr: 0.1, wdMult: 10 }] };
    const megatron = (o: Optimizer, p: object) => createScheduler(o, { type: "OptimizerParamScheduler", params: p } as never);
    const s = megatron(optimizer, params);
    refused(optimizer, s, () => s.step(5), "non-finite-value", "paramGroups[0].weightDecay");
    for (const key of ["init_lr", "min_lr", "max_lr"]) {
      const fresh: Optimizer = { paramGroups: [{ lr: 0.1 }] };
      refused(fresh, undefined, () => megatron(fresh, { ...params, end_wd: 0.1, [key]: Infinity }), "invalid-option", key);
    }
    for (const key of ["minLr", "maxLr"]) {
      const fresh: Optimizer = { paramGroups: [{ lr: 0.1, [key]: Infinity }] };
      refused(fresh, undefined, () => megatron(fresh, { ...params, end_wd: 0.1 }), "invalid-optimizer", `paramGroups[0].${key}`);
    }
  });

  it("CosineAnnealingWarmRestarts refuses the reference dicts that would write NaN, and writes finite values from the ones it takes", () => {
    const base = { T_0: 5, T_i: 10, T_mult: 2, eta_min: 0, T_cur: 5, base_lrs: [0.1, 0.02], last_epoch: 10, _step_count: 11, _last_lr: [0.05, 0.01] };
    const refusedDicts: [object, string][] = [
      [{ T_cur: "Infinity" }, "T_cur"],
      [{ T_cur: "NaN" }, "T_cur"],
      [{ T_i: 0 }, "T_i"],
      [{ T_i: 1e308 }, "T_i"],
      [{ T_mult: 1e308, T_i: Infinity }, "T_i"],
      [{ eta_min: "Infinity" }, "eta_min"],
      [{ base_lrs: [1e308, 0.02], eta_min: -1e308 }, "last_epoch"],
    ];
    for (const [edit, path] of refusedDicts) {
      const optimizer = sgd(0.1, 0.02);
      const s = new CosineAnnealingWarmRestarts(optimizer, { t0: 5, tMult: 2 });
      refused(optimizer, s, () => s.loadStateDict({ ...base, ...edit }), "invalid-state-dict", path);
    }
    for (const edit of [{}, { T_cur: 1e308 }, { T_cur: 9.99 }, { T_cur: 2 ** 60 }]) {
      const optimizer = sgd(0.1, 0.02);
      const s = new CosineAnnealingWarmRestarts(optimizer, { t0: 5, tMult: 2 });
      s.loadStateDict({ ...base, ...edit });
      for (let k = 0; k < 3; k++) {
        for (const g of optimizer.paramGroups) expect(Number.isFinite(g.lr), JSON.stringify(edit)).toBe(true);
        s.step();
      }
    }
  });
});

describe("a refused constructor or step changes nothing", () => {
  it("a refused CyclicLR leaves no lr, initialLr or momentum bounds in the group: a StepLR built next has the right base lr", () => {
    const optimizer = sgd(0.1);
    refused(optimizer, undefined, () => new CyclicLR(optimizer, { baseLr: 0.01, maxLr: 0.1, baseMomentum: -1e308, maxMomentum: 1e308 }), "invalid-option", "options");
    expect(optimizer.paramGroups[0]).toEqual({ lr: 0.1, momentum: 0.9, weightDecay: 0 });
    const s = new StepLR(optimizer, { stepSize: 1 });
    expect(s.baseLrs).toEqual([0.1]);
  });

  it("ReduceLROnPlateau with a frozen second group neither cuts group 0 nor advances its counters", () => {
    const optimizer: Optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.1 }] };
    const s = new ReduceLROnPlateau(optimizer, { patience: 0 });
    s.step(1);
    Object.freeze(optimizer.paramGroups[1]);
    // The metric does not improve: with patience 0 this step would cut both groups.
    refused(optimizer, s, () => s.step(2), "invalid-optimizer", "paramGroups");
    expect(s.plateauState).toEqual({ best: 1, numBadEpochs: 0, cooldownCounter: 0 });
    expect(s.lastEpoch).toBe(1);
    refused({ paramGroups: [{ lr: 0.1 }, Object.freeze({ lr: 0.1 })] }, undefined, () => new ReduceLROnPlateau({ paramGroups: [{ lr: 0.1 }, Object.freeze({ lr: 0.1 })] }), "invalid-optimizer", "paramGroups[1]");
  });

  it("a refused composite config leaves none of its sub-schedulers attached to the optimizer", () => {
    const run = () => {
      const optimizer = sgd(0.1);
      const s = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
      s.step();
      return { optimizer, s };
    };
    const a = run();
    const b = run();
    // ConstantLR's factor at its start is 0.25: were it left attached, StepLR's next steps would take it.
    const config = { type: "SequentialLR", params: { schedulers: [{ type: "ConstantLR", params: { factor: 0.25 } }, { type: "StepLR", params: { step_size: 1 } }], milestones: [-5] } };
    refused(a.optimizer, a.s, () => createScheduler(a.optimizer, config), "invalid-option", "milestones");
    for (let k = 0; k < 3; k++) {
      a.s.step();
      b.s.step();
      expect(writtenValues(a.optimizer)).toBe(writtenValues(b.optimizer));
    }
    expect(a.optimizer.paramGroups[0]!.lr).toBe(0.1 * 0.5 * 0.5);
    // A ConstantLR that is accepted does chain, as in PyTorch.
    const c = run();
    const constant = new ConstantLR(c.optimizer, { factor: 0.25 });
    c.s.step();
    constant.step();
    expect(c.optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1 * 0.5 * 0.25, 15);
  });
});

describe("every error is typed, with its path and code", () => {
  it("frozen or sealed groups, malformed optimizers given to composites, defaults: null, loadStateDict(sd, null), configs nested 2,000 deep", () => {
    refused({ paramGroups: [Object.freeze({ lr: 0.1 })] }, undefined, () => new StepLR({ paramGroups: [Object.freeze({ lr: 0.1 })] }, { stepSize: 1 }), "invalid-optimizer", "paramGroups[0]");
    const sealed = { paramGroups: [Object.seal({ lr: 0.1 })] };
    refused(sealed, undefined, () => new StepLR(sealed, { stepSize: 1 }), "invalid-optimizer", "paramGroups[0]");
    const malformed = { paramGroups: 5 } as unknown as Optimizer;
    expect((thrown(() => new SequentialLR(malformed, { schedulers: [], milestones: [] })) as LRSchedulerError).code).toBe("invalid-optimizer");
    expect((thrown(() => new ChainedScheduler(null as never, { schedulers: [] })) as LRSchedulerError).path).toBe("optimizer");
    expect((thrown(() => createScheduler({ paramGroups: [null] } as never, { type: "ChainedScheduler", params: { schedulers: [{ type: "StepLR", params: { step_size: 1 } }] } })) as LRSchedulerError).path).toBe("paramGroups[0]");
    const nullDefaults = { paramGroups: [{ lr: 0.1 }], defaults: null } as unknown as Optimizer;
    refused(nullDefaults, undefined, () => new StepLR(nullDefaults, { stepSize: 1 }), "invalid-optimizer", "defaults");
    const optimizer = sgd(0.1);
    const s = new StepLR(optimizer, { stepSize: 1 });
    refused(optimizer, s, () => s.loadStateDict(s.stateDict(), null as never), "invalid-option", "loadStateDict options");
    let config: Record<string, unknown> = { type: "StepLR", params: { step_size: 1 } };
    for (let k = 0; k < 2000; k++) config = { type: "WithWarmup", params: { schedule: config, warmup_steps: 1 } };
    const error = refused(optimizer, s, () => createScheduler(optimizer, config), "nesting-too-deep", `${"schedule.".repeat(32)}schedule`);
    expect(error).toBeInstanceOf(InvalidConfigError);
  });

  it("a state dict nested 2,000 deep is refused by its nesting, not by a stack overflow", () => {
    const optimizer = sgd(0.1);
    let s: LRScheduler = new StepLR(optimizer, { stepSize: 1 });
    for (let k = 0; k < 40; k++) s = new WithWarmup(optimizer, { schedule: s, warmupSteps: 2 });
    const own = json(s.stateDict()) as Record<string, unknown>;
    let dict = own;
    for (let k = 0; k < 2000; k++) dict = { ...own, children: [dict] };
    refused(optimizer, s, () => s.loadStateDict(dict), "nesting-too-deep", `${"children[0].".repeat(32)}children[0]`);
  });

  it("a sub-scheduler's dict that is not one is named by its place, without a trailing dot", () => {
    const optimizer = sgd(0.1);
    const inner = new WithWarmup(optimizer, { schedule: new StepLR(optimizer, { stepSize: 1 }), warmupSteps: 2 });
    const s = new WithWarmup(optimizer, { schedule: inner, warmupSteps: 2 });
    const dict = json(s.stateDict());
    refused(optimizer, s, () => s.loadStateDict({ ...dict, children: [5] }), "invalid-state-dict", "children[0]");
    // WithWarmup reads no reference format: a PyTorch-style dict in its place is named by that place.
    refused(optimizer, s, () => s.loadStateDict({ ...dict, children: [{ last_epoch: 1 }] }), "invalid-state-dict", "children[0]");
  });

  it("a composite's error names the child's field with its prefix, as the caller spelled it", () => {
    const optimizer = sgd(0.1);
    const config = { type: "SequentialLR", params: { schedulers: [{ type: "StepLR", params: { step_size: 1 } }, { type: "StepLR", params: { step_size: 1, gamma: "x" } }], milestones: [3] } };
    refused(optimizer, undefined, () => createScheduler(optimizer, config), "invalid-option", "schedulers[1].gamma");
    const camel = { type: "ChainedScheduler", params: { schedulers: [{ type: "StepLR", params: { stepSize: 0 } }] } };
    refused(optimizer, undefined, () => createScheduler(optimizer, camel), "invalid-option", "schedulers[0].stepSize");
    const s = createScheduler(optimizer, { ...config, params: { ...config.params, schedulers: [config.params.schedulers[0]!, { type: "StepLR", params: { step_size: 1 } }] } });
    const dict = json(s.stateDict());
    (dict.children![1]!.options as Record<string, unknown>).gamma = "x";
    refused(optimizer, s, () => s.loadStateDict(dict), "invalid-state-dict", "children[1].options.gamma");
  });
});

describe("nonsense is refused, PyTorch's fractional epochs are not", () => {
  it("a counter below the start or past 2**53, in a state dict or through step(x)", () => {
    const optimizer = sgd(0.1);
    const s = new StepLR(optimizer, { stepSize: 1 });
    const reference = { last_epoch: 2, base_lrs: [0.1], _last_lr: [0.1], step_size: 1, gamma: 0.1 };
    refused(optimizer, s, () => s.loadStateDict({ ...reference, last_epoch: -5 }), "invalid-state-dict", "last_epoch");
    refused(optimizer, s, () => s.loadStateDict({ ...reference, last_epoch: 2 ** 53 }), "invalid-state-dict", "last_epoch");
    refused(optimizer, s, () => s.loadStateDict({ ...json(s.stateDict()), lastEpoch: -1 }), "invalid-state-dict", "lastEpoch");
    refused(optimizer, s, () => s.step(-3), "step-refused", "");
    refused(optimizer, s, () => s.step(1e308), "step-refused", "");
    refused(optimizer, s, () => s.step(2 ** 53), "step-refused", "");
  });

  it("negative base lrs, in a state dict or in the groups", () => {
    const optimizer = sgd(0.1);
    const s = new StepLR(optimizer, { stepSize: 1 });
    refused(optimizer, s, () => s.loadStateDict({ last_epoch: 2, base_lrs: [-0.1], _last_lr: [0.1], step_size: 1, gamma: 0.1 }), "invalid-state-dict", "base_lrs[0]");
    refused(optimizer, s, () => s.loadStateDict({ ...json(s.stateDict()), baseLrs: [-0.1] }), "invalid-state-dict", "baseLrs[0]");
    const negative: Optimizer = { paramGroups: [{ lr: 0.1 }, { lr: -0.1 }] };
    refused(negative, undefined, () => new StepLR(negative, { stepSize: 1 }), "invalid-optimizer", "paramGroups[1].lr");
    const initial: Optimizer = { paramGroups: [{ lr: 0.1, initialLr: -1 }] };
    refused(initial, undefined, () => new StepLR(initial, { stepSize: 1 }), "invalid-optimizer", "paramGroups[0].initialLr");
    // Absolute schedules write what they compute, whatever the group held.
    const absolute: Optimizer = { paramGroups: [{ lr: -1 }] };
    createScheduler(absolute, { type: "constant_schedule", params: { value: 0.5 } });
    expect(absolute.paramGroups[0]!.lr).toBe(0.5);
  });

  it("fractional epochs, which PyTorch's step(epoch) takes, survive the scheduler's own checkpoint", () => {
    const optimizer = sgd(0.1);
    const s = new StepLR(optimizer, { stepSize: 2 });
    s.step(2.5);
    expect(s.lastEpoch).toBe(2.5);
    const resumed = sgd(0.1);
    const r = new StepLR(resumed, { stepSize: 2 });
    r.loadStateDict(json(s.stateDict()));
    expect(r.lastEpoch).toBe(2.5);
    s.step();
    r.step();
    expect([r.lastEpoch, resumed.paramGroups[0]!.lr]).toEqual([3.5, optimizer.paramGroups[0]!.lr]);
  });

  it('an unknown policy, the string "strict", OneCycleLR\'s policy, and options.__proto__ under "strict"', () => {
    const optimizer = sgd(0.1);
    const s = new StepLR(optimizer, { stepSize: 1 });
    const dict = json(s.stateDict());
    refused(optimizer, s, () => s.loadStateDict(dict, { config: "no-such-policy" } as never), "invalid-option", "config");
    refused(optimizer, s, () => s.loadStateDict(dict, "strict" as never), "invalid-option", "loadStateDict options");
    const proto = { ...dict, options: JSON.parse('{"__proto__": {"stepSize": 5}, "stepSize": 1, "gamma": 0.1, "lastEpoch": -1}') as object };
    refused(optimizer, s, () => s.loadStateDict(proto, { config: "strict" }), "invalid-state-dict", "options.__proto__");
    expect(s.options.stepSize).toBe(1);

    const saved = new OneCycleLR(sgd(0.1), { maxLr: 0.1, totalSteps: 10 });
    saved.step();
    const o2 = sgd(0.1);
    const other = new OneCycleLR(o2, { maxLr: 0.2, totalSteps: 10 });
    expect(refused(o2, other, () => other.loadStateDict(saved.stateDict(), { config: "strict" }), "state-dict-mismatch", "options.maxLr")).toBeInstanceOf(StateDictMismatchError);
    other.loadStateDict(saved.stateDict(), { config: "current" });
    expect([other.options.maxLr, other.lastEpoch]).toEqual([0.2, 1]);
    other.loadStateDict(saved.stateDict());
    expect(other.options.maxLr).toBe(0.1);
  });

  it("a group's own initialLr is checked (a string, NaN), and odd spellings of an option are refused", () => {
    for (const initialLr of ["0.1", NaN, Infinity, null]) {
      const optimizer = { paramGroups: [{ lr: 0.1, initialLr }] } as unknown as Optimizer;
      refused(optimizer, undefined, () => new StepLR(optimizer, { stepSize: 1 }), "invalid-optimizer", "paramGroups[0].initialLr");
    }
    const optimizer = sgd(0.1);
    for (const key of ["_step_size", "STEP_SIZE", "step_size_", "Step_Size", "stepsize"]) {
      const error = refused(optimizer, undefined, () => new StepLR(optimizer, { [key]: 1 } as never), "unknown-option", key) as InvalidOptionError;
      expect(error.suggestion).toBeDefined();
    }
  });
});

describe("every step is bounded", () => {
  it("timm's normal noise with a noise_pct too small to ever draw is refused at construction, not spun on", () => {
    const optimizer = sgd(0.1);
    refused(optimizer, undefined, () => new CosineLRScheduler(optimizer, { tInitial: 10, noiseRangeT: 0, noisePct: 1e-200 }), "invalid-option", "noisePct");
    const config = { type: "StepLRScheduler", params: { decay_t: 10, noise_range_t: 0, noise_pct: 7.8e-244 } };
    refused(optimizer, undefined, () => createScheduler(optimizer, config), "invalid-option", "noise_pct");
    const s = new StepLRScheduler(optimizer, { decayT: 10, noiseRangeT: 0, noisePct: 1e-5 });
    expect(timed(() => s.step(3))).toBeLessThan(1000);
    expect(Number.isFinite(optimizer.paramGroups[0]!.lr)).toBe(true);
  });
});

describe("a scheduler's own checkpoint reloads what it saved", () => {
  it('"strict" keeps the constructor\'s options bit for bit (a checkpoint\'s -0 is its 0)', () => {
    const optimizer = sgd(0.1);
    const s = new StepLR(optimizer, { stepSize: 2, gamma: 0 });
    const dict = json(s.stateDict());
    dict.options.gamma = -0;
    s.loadStateDict(dict, { config: "strict" });
    expect(Object.is(s.options.gamma, 0)).toBe(true);
  });

  it("after a timm state_dict() (which leaves the groups), the scheduler's own checkpoint restores the same groups", () => {
    const reference = { param_group_field: "lr", _initial_param_group_field: "initial_lr", base_values: [0.1], metric: null, t_in_epochs: true, noise_range_t: null, noise_pct: 0.67, noise_type: "normal", noise_std: 1, noise_seed: 42, decay_t: 10, decay_rate: 0.5, warmup_t: 3, warmup_lr_init: 0, warmup_prefix: false, warmup_steps: [0.03333333333333333] };
    const optimizer = sgd(0.1);
    const s = new StepLRScheduler(optimizer, { decayT: 10, decayRate: 0.5 });
    s.loadStateDict(reference);
    // timm's load writes nothing: the lr stays until the next step(epoch), which the warmup now sets.
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1);
    const resumed = sgd(0.1);
    const r = new StepLRScheduler(resumed, { decayT: 10, decayRate: 0.5 });
    r.loadStateDict(json(s.stateDict()));
    expect(resumed.paramGroups[0]!.lr).toBe(0.1);
    s.step(1);
    r.step(1);
    expect(resumed.paramGroups[0]!.lr).toBe(optimizer.paramGroups[0]!.lr);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1 / 3, 15);
  });

  /** An uninterrupted run and runs resumed from the scheduler's own JSON state dict at every split point. */
  function expectExactResume(make: (optimizer: Optimizer) => LRScheduler, steps: number): void {
    const straight = sgd(0.1);
    const s = make(straight);
    const lrs: number[] = [];
    const dicts: unknown[] = [json(s.stateDict())];
    for (let k = 0; k < steps; k++) {
      s.step();
      lrs.push(straight.paramGroups[0]!.lr);
      dicts.push(json(s.stateDict()));
    }
    for (let k = 0; k < steps; k++) {
      const resumed = sgd(0.1);
      const r = make(resumed);
      r.loadStateDict(dicts[k]);
      for (let n = k; n < steps; n++) {
        r.step();
        expect(resumed.paramGroups[0]!.lr, `resumed at ${k}, step ${n + 1}`).toBe(lrs[n]);
      }
    }
  }

  const chained = (o: Optimizer) => new ChainedScheduler(o, { schedulers: [new LinearLR(o, { startFactor: 0.1, totalIters: 8 }), new ExponentialLR(o, { gamma: 0.9 })] });

  it("WithWarmup around a ChainedScheduler", () => {
    expectExactResume((o) => new WithWarmup(o, { schedule: chained(o), warmupSteps: 5 }), 30);
  });

  it("EpochUnits around a ChainedScheduler", () => {
    expectExactResume((o) => new EpochUnits(o, { schedule: chained(o), stepsPerEpoch: 3 }), 30);
  });

  it("after a load of its own checkpoint, a composite's next state dict is that of the uninterrupted run", () => {
    const a = sgd(0.1);
    const s = new WithWarmup(a, { schedule: chained(a), warmupSteps: 5 });
    for (let k = 0; k < 12; k++) s.step();
    const b = sgd(0.1);
    const r = new WithWarmup(b, { schedule: chained(b), warmupSteps: 5 });
    r.loadStateDict(json(s.stateDict()));
    r.step();
    s.step();
    expect(json(r.stateDict())).toEqual(json(s.stateDict()));
    expect(b.paramGroups[0]!.lr).toBe(a.paramGroups[0]!.lr);
  });
});
