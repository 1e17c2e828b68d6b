import { describe, expect, it } from "vitest";
import {
  InvalidOptimizerError,
  InvalidOptionError,
  InvalidStateDictError,
  OptimizerParamScheduler,
  StateDictMismatchError,
  createScheduler,
  type Optimizer,
  type OptimizerParamSchedulerOptions,
  type ParamGroup,
} from "../../../src/index.js";
import { adam, thrown } from "../../support/optimizer.js";

const base: OptimizerParamSchedulerOptions = {
  initLr: 0,
  maxLr: 1e-3,
  minLr: 1e-5,
  lrWarmupSteps: 10,
  lrDecaySteps: 100,
  lrDecayStyle: "linear",
  startWd: 0.01,
  endWd: 0.1,
  wdIncrSteps: 100,
  wdIncrStyle: "linear",
};

const megatronDict = { max_lr: 1e-3, lr_warmup_steps: 10, num_steps: 30, lr_decay_style: "linear", lr_decay_steps: 100, min_lr: 1e-5, start_wd: 0.01, end_wd: 0.1, wd_incr_style: "linear", wd_incr_steps: 100 };

function groups(...extra: Partial<ParamGroup>[]): Optimizer {
  return { paramGroups: extra.map((g) => ({ lr: 0, weightDecay: 0, ...g })) };
}

describe("OptimizerParamScheduler accessors (Megatron's get_lr and get_wd)", () => {
  it("getLrOf(group) gives a group's lr at the current step, by group or by index, with its own max_lr / min_lr", () => {
    const optimizer = groups({}, { maxLr: 5e-4, minLr: 5e-6 });
    const scheduler = new OptimizerParamScheduler(optimizer, base);
    scheduler.step(55);
    const before = structuredClone(optimizer.paramGroups);
    expect(scheduler.getLrOf(0)).toBe(optimizer.paramGroups[0]!.lr);
    expect(scheduler.getLrOf(optimizer.paramGroups[1]!)).toBe(optimizer.paramGroups[1]!.lr);
    expect(scheduler.getLrOf(1)).toBeCloseTo(5e-6 + 0.5 * (5e-4 - 5e-6), 18);
    // Any group object, as Megatron's get_lr takes any dict: its overrides are read as they are now.
    expect(scheduler.getLrOf({ lr: 0, maxLr: 2e-3 })).toBeCloseTo(1e-5 + 0.5 * (2e-3 - 1e-5), 18);
    expect(optimizer.paramGroups).toEqual(before);
  });

  it("getWd(group?) gives the weight decay before wd_mult: the scheduler's without a group, the group's start_wd / end_wd with one", () => {
    const optimizer = groups({ wdMult: 2 }, { startWd: 0.02, endWd: 0.05 });
    const scheduler = new OptimizerParamScheduler(optimizer, base);
    scheduler.step(50);
    expect(scheduler.getWd()).toBeCloseTo(0.055, 15);
    expect(scheduler.getWd(0)).toBeCloseTo(0.055, 15);
    expect(optimizer.paramGroups[0]!.weightDecay).toBeCloseTo(0.11, 15);
    expect(scheduler.getWd(optimizer.paramGroups[1]!)).toBeCloseTo(0.035, 15);
    expect(scheduler.weightDecayAt(0, 50)).toBe(optimizer.paramGroups[0]!.weightDecay);
    scheduler.step(51);
    expect(scheduler.getWd()).toBe(0.1);
  });

  it("the engine's getLr() still gives every group's lr", () => {
    const optimizer = groups({}, { maxLr: 5e-4 });
    const scheduler = new OptimizerParamScheduler(optimizer, base);
    scheduler.step(5);
    expect(scheduler.getLr()).toEqual([5e-4, 2.5e-4]);
  });

  it("refuses a group index out of range and a group with a bad override", () => {
    const scheduler = new OptimizerParamScheduler(groups({}), base);
    for (const bad of [1, -1, 0.5]) expect((thrown(() => scheduler.getLrOf(bad)) as InvalidOptionError).option).toBe("group");
    expect((thrown(() => scheduler.getWd({ lr: 0, endWd: -1 })) as InvalidOptimizerError).field).toBe("group.endWd");
    expect(thrown(() => scheduler.getLrOf({ lr: 0, max_lr: 1 }))).toBeInstanceOf(InvalidOptimizerError);
  });
});

describe("OptimizerParamScheduler groups and options", () => {
  it("needs no lr in the groups: it writes absolute values", () => {
    const optimizer = { paramGroups: [{ weightDecay: 0 } as ParamGroup] };
    new OptimizerParamScheduler(optimizer, { ...base, initLr: 1e-4 });
    expect(optimizer.paramGroups[0]).toEqual({ lr: 1e-4, weightDecay: 0.01 });
  });

  it("runs WSD without lr_wsd_decay_style when there is no anneal (wsd_decay_steps 0), as Megatron does", () => {
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, { ...base, lrDecayStyle: "WSD", wsdDecaySteps: 0 });
    scheduler.step(100);
    expect(optimizer.paramGroups[0]!.lr).toBe(1e-3);
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBe(1e-5);
  });

  it("takes Python's None for the WSD options as absent", () => {
    const params = { init_lr: 0, max_lr: 1e-3, min_lr: 1e-5, lr_warmup_steps: 10, lr_decay_steps: 100, lr_decay_style: "linear", start_wd: 0, end_wd: 0, wd_incr_steps: 1, wd_incr_style: "constant", wsd_decay_steps: null, lr_wsd_decay_style: null } as const;
    const scheduler = createScheduler(adam(0), { type: "OptimizerParamScheduler", params }) as OptimizerParamScheduler;
    expect("wsdDecaySteps" in scheduler.options).toBe(false);
    const strict = new OptimizerParamScheduler(adam(0), { ...base, startWd: 0, endWd: 0, wdIncrSteps: 1, wdIncrStyle: "constant", useCheckpointOptParamScheduler: false });
    expect(() => strict.loadStateDict(scheduler.stateDict())).not.toThrow();
  });
});

describe("OptimizerParamScheduler checkpoint policy", () => {
  it("keeps init_lr and the WSD settings of the constructor when loading Megatron's dict, which has neither", () => {
    const wsd = { ...base, initLr: 1e-4, lrDecayStyle: "WSD" as const, wsdDecaySteps: 20, lrWsdDecayStyle: "cosine" as const };
    const scheduler = new OptimizerParamScheduler(adam(0), wsd);
    scheduler.loadStateDict({ ...megatronDict, lr_decay_style: "WSD", max_lr: 2e-3 });
    expect(scheduler.options).toMatchObject({ initLr: 1e-4, maxLr: 2e-3, wsdDecaySteps: 20, lrWsdDecayStyle: "cosine" });
  });

  it("reads the weight-decay settings of Megatron's dict only with start_wd, as Megatron does", () => {
    const scheduler = new OptimizerParamScheduler(adam(0), base);
    const { start_wd: _startWd, ...withoutStart } = megatronDict;
    scheduler.loadStateDict({ ...withoutStart, end_wd: 0.5 });
    expect(scheduler.options.endWd).toBe(0.1);
  });

  it("refuses another schedule's dict, naming its stranger key", () => {
    const scheduler = new OptimizerParamScheduler(adam(0), base);
    const error = thrown(() => scheduler.loadStateDict({ last_epoch: 3, base_lrs: [0.1], step_size: 2 })) as InvalidStateDictError;
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect(error.code).toBe("wrong-state-dict-type");
  });

  it("does not save the policy options: they stay the constructor's choice", () => {
    const saved = new OptimizerParamScheduler(adam(0), { ...base, useCheckpointOptParamScheduler: false });
    const dict = saved.stateDict();
    expect(Object.keys(dict.options)).not.toContain("useCheckpointOptParamScheduler");
    expect(Object.keys(dict.options)).not.toContain("overrideOptParamScheduler");
    // A default-policy scheduler stays one after loading a strict scheduler's dict ...
    const resumed = new OptimizerParamScheduler(adam(0), base);
    resumed.loadStateDict(dict);
    expect(resumed.options.useCheckpointOptParamScheduler).toBe(true);
    // ... and a strict one loads a default-policy scheduler's dict with the same settings.
    const strict = new OptimizerParamScheduler(adam(0), { ...base, useCheckpointOptParamScheduler: false });
    expect(() => strict.loadStateDict(resumed.stateDict())).not.toThrow();
  });

  it("an explicit config policy of loadStateDict overrides the constructor's", () => {
    const strict = new OptimizerParamScheduler(adam(0), { ...base, useCheckpointOptParamScheduler: false });
    expect(thrown(() => strict.loadStateDict({ ...megatronDict, max_lr: 2e-3 }))).toBeInstanceOf(StateDictMismatchError);
    strict.loadStateDict({ ...megatronDict, max_lr: 2e-3 }, { config: "checkpoint" });
    expect(strict.options.maxLr).toBe(2e-3);
    const keeping = new OptimizerParamScheduler(adam(0), { ...base, useCheckpointOptParamScheduler: false, overrideOptParamScheduler: true });
    keeping.loadStateDict({ ...megatronDict, max_lr: 2e-3 });
    expect(keeping.options.maxLr).toBe(1e-3);
  });

  it("lists every difference when use_checkpoint_opt_param_scheduler is false", () => {
    const strict = new OptimizerParamScheduler(adam(0), { ...base, useCheckpointOptParamScheduler: false });
    const error = thrown(() => strict.loadStateDict({ ...megatronDict, max_lr: 2e-3, min_lr: 0 })) as StateDictMismatchError;
    expect(error.differences.map((d) => d.field)).toEqual(["max_lr", "min_lr"]);
  });
});
