import { describe, expect, it } from "vitest";
import {
  InvalidOptimizerError,
  InvalidOptionError,
  InvalidStateDictError,
  OptimizerParamScheduler,
  StateDictMismatchError,
  StepError,
  createScheduler,
  type Optimizer,
  type OptimizerParamSchedulerOptions,
  type ParamGroup,
  type SchedulerConfig,
} from "../../../src/index.js";
import { adam, thrown } from "../../support/optimizer.js";

/** The policy options' defaults, which the validated options hold. */
const defaultPolicy = { useCheckpointOptParamScheduler: true, overrideOptParamScheduler: false };

const base: OptimizerParamSchedulerOptions = {
  initLr: 0,
  maxLr: 1e-3,
  minLr: 1e-5,
  lrWarmupSteps: 10,
  lrDecaySteps: 100,
  lrDecayStyle: "linear",
  startWd: 0.01,
  endWd: 0.01,
  wdIncrSteps: 100,
  wdIncrStyle: "constant",
};

function expectClose(actual: number | undefined, expected: number): void {
  expect(actual).toBeTypeOf("number");
  expect(Math.abs(actual! - expected)).toBeLessThanOrEqual(Math.max(1e-15, 1e-12 * Math.abs(expected)));
}

/** The lr of every group after stepping to each of `steps` in turn. */
function lrsAt(scheduler: OptimizerParamScheduler, optimizer: Optimizer, steps: number[]): number[] {
  return steps.map((t) => {
    scheduler.step(t - scheduler.lastEpoch);
    return optimizer.paramGroups[0]!.lr;
  });
}

function groups(...extra: Partial<ParamGroup>[]): Optimizer {
  return { paramGroups: extra.map((g) => ({ lr: 0, weightDecay: 0, ...g })) };
}

describe("OptimizerParamScheduler schedule", () => {
  it("warms up linearly from init_lr (inclusive of the last warmup step), then decays linearly to min_lr", () => {
    const optimizer = adam(0.5);
    const scheduler = new OptimizerParamScheduler(optimizer, { ...base, initLr: 1e-4 });
    expect(optimizer.paramGroups[0]!.lr).toBe(1e-4);
    const [s5, s10, s55, s100, s101] = lrsAt(scheduler, optimizer, [5, 10, 55, 100, 101]);
    expectClose(s5, 1e-4 + (9e-4 * 5) / 10);
    expectClose(s10, 1e-3);
    expectClose(s55, 1e-5 + 0.5 * (1e-3 - 1e-5));
    expectClose(s100, 1e-5);
    expect(s101).toBe(1e-5);
  });

  it("accepts a fractional warmup, as Megatron's lr_warmup_fraction gives", () => {
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, { ...base, lrWarmupSteps: 2.5 });
    const [s2, s3] = lrsAt(scheduler, optimizer, [2, 3]);
    expectClose(s2, (1e-3 * 2) / 2.5);
    expectClose(s3, 1e-5 + (1 - 0.5 / 97.5) * (1e-3 - 1e-5));
  });

  it("constant stays at max_lr after warmup, even past lr_decay_steps", () => {
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, { ...base, lrDecayStyle: "constant" });
    expect(lrsAt(scheduler, optimizer, [11, 100, 5000])).toEqual([1e-3, 1e-3, 1e-3]);
  });

  it("cosine follows half a cosine from max_lr to min_lr", () => {
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, { ...base, lrDecayStyle: "cosine" });
    const [third, half] = lrsAt(scheduler, optimizer, [40, 55]);
    expectClose(third, 1e-5 + 0.75 * (1e-3 - 1e-5));
    expectClose(half, 1e-5 + 0.5 * (1e-3 - 1e-5));
  });

  it("inverse-square-root scales max_lr by sqrt(warmup / step) and is floored at min_lr", () => {
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, { ...base, minLr: 3e-4, lrWarmupSteps: 16, lrDecaySteps: 300, lrDecayStyle: "inverse-square-root" });
    const [s64, s256, s301] = lrsAt(scheduler, optimizer, [64, 256, 301]);
    expectClose(s64, 5e-4);
    expect(s256).toBe(3e-4);
    expect(s301).toBe(3e-4);
  });

  it.each([
    ["linear", 0.5],
    ["cosine", 0.5],
    ["exponential", 2 * Math.SQRT1_2 - 1],
    ["minus_sqrt", 1 - Math.SQRT1_2],
  ] as const)("WSD holds max_lr until the %s anneal of wsd_decay_steps", (style, coeff) => {
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, { ...base, lrDecaySteps: 200, lrDecayStyle: "WSD", wsdDecaySteps: 50, lrWsdDecayStyle: style });
    const [s150, s175, s200, s201] = lrsAt(scheduler, optimizer, [150, 175, 200, 201]);
    expect(s150).toBe(1e-3);
    expectClose(s175, 1e-5 + coeff * (1e-3 - 1e-5));
    expectClose(s200, 1e-5);
    expect(s201).toBe(1e-5);
  });

  it("increases weight decay linearly or along a cosine, times each group's wd_mult", () => {
    const optimizer = groups({}, { wdMult: 2 }, { wdMult: 0 });
    const linear = new OptimizerParamScheduler(optimizer, { ...base, startWd: 0, endWd: 0.1, wdIncrStyle: "linear" });
    expect(optimizer.paramGroups.map((g) => g.weightDecay)).toEqual([0, 0, 0]);
    linear.step(25);
    expectClose(optimizer.paramGroups[0]!.weightDecay, 0.025);
    expectClose(optimizer.paramGroups[1]!.weightDecay, 0.05);
    expect(optimizer.paramGroups[2]!.weightDecay).toBe(0);
    const cosine = new OptimizerParamScheduler(groups({}), { ...base, startWd: 0, endWd: 0.1, wdIncrStyle: "cosine" });
    expectClose(cosine.weightDecayAt(0, 25), 0.1 * 0.5 * (Math.cos(0.75 * Math.PI) + 1));
    expectClose(cosine.weightDecayAt(0, 50), 0.05);
    expect(cosine.weightDecayAt(0, 101)).toBe(0.1);
  });

  it("reads max_lr, min_lr, start_wd and end_wd overrides from each group; init_lr stays scheduler-wide", () => {
    const optimizer = groups({}, { maxLr: 5e-4, minLr: 5e-6 }, { startWd: 0.02, endWd: 0.05 });
    const scheduler = new OptimizerParamScheduler(optimizer, { ...base, startWd: 0, endWd: 0.1, wdIncrStyle: "linear" });
    scheduler.step(5);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([5e-4, 2.5e-4, 5e-4]);
    scheduler.step(95);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([1e-5, 5e-6, 1e-5]);
    expect(optimizer.paramGroups.map((g) => g.weightDecay)).toEqual([0.1, 0.1, 0.05]);
    expect(scheduler.baseLrs).toEqual([1e-3, 5e-4, 1e-3]);
  });

  it("step(increment) advances by increment (default 1) and refuses anything but an integer >= 0", () => {
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, base);
    scheduler.step(3);
    scheduler.step();
    scheduler.step(0);
    expect(scheduler.lastEpoch).toBe(4);
    expectClose(optimizer.paramGroups[0]!.lr, 4e-4);
    for (const bad of [-1, 1.5, NaN, Infinity]) {
      expect(thrown(() => scheduler.step(bad))).toBeInstanceOf(StepError);
    }
    expect(scheduler.lastEpoch).toBe(4);
  });

  it("is built by createScheduler from Megatron's keyword arguments", () => {
    const optimizer = adam(0);
    const params = { init_lr: 0, max_lr: 1e-3, min_lr: 1e-5, lr_warmup_steps: 10, lr_decay_steps: 100, lr_decay_style: "cosine", start_wd: 0.01, end_wd: 0.01, wd_incr_steps: 100, wd_incr_style: "constant", wsd_decay_steps: null, lr_wsd_decay_style: null } as const;
    const scheduler = createScheduler(optimizer, { type: "OptimizerParamScheduler", params });
    expect(scheduler).toBeInstanceOf(OptimizerParamScheduler);
    scheduler.step(10);
    expect(optimizer.paramGroups[0]!.lr).toBe(1e-3);
    expect(optimizer.paramGroups[0]!.weightDecay).toBe(0.01);
  });
});

describe("OptimizerParamScheduler validation", () => {
  const invalid: [string, Record<string, unknown>, string][] = [
    ["max_lr below min_lr", { maxLr: 1e-6 }, "maxLr"],
    ["init_lr above max_lr", { initLr: 2e-3 }, "initLr"],
    ["negative min_lr", { minLr: -1e-5 }, "minLr"],
    ["lr_decay_steps 0", { lrDecaySteps: 0 }, "lrDecaySteps"],
    ["warmup not below decay", { lrWarmupSteps: 100 }, "lrWarmupSteps"],
    ["negative warmup", { lrWarmupSteps: -2 }, "lrWarmupSteps"],
    ["fractional decay steps", { lrDecaySteps: 99.5 }, "lrDecaySteps"],
    ["unknown decay style", { lrDecayStyle: "exotic" }, "lrDecayStyle"],
    ["WSD without wsd_decay_steps", { lrDecayStyle: "WSD", lrWsdDecayStyle: "linear" }, "wsd_decay_steps"],
    ["WSD without lr_wsd_decay_style", { lrDecayStyle: "WSD", wsdDecaySteps: 10 }, "lr_wsd_decay_style"],
    ["unknown WSD style", { lrDecayStyle: "WSD", wsdDecaySteps: 10, lrWsdDecayStyle: "square" }, "lrWsdDecayStyle"],
    ["negative start_wd", { startWd: -0.1, endWd: 0.1, wdIncrStyle: "linear" }, "startWd"],
    ["end_wd below start_wd", { startWd: 0.1, endWd: 0.01, wdIncrStyle: "linear" }, "endWd"],
    ["constant wd with start != end", { endWd: 0.1 }, "endWd"],
    ["wd_incr_steps 0 with linear", { endWd: 0.1, wdIncrStyle: "linear", wdIncrSteps: 0 }, "wdIncrSteps"],
    ["unknown wd style", { wdIncrStyle: "quadratic" }, "wdIncrStyle"],
    ["override with use-checkpoint", { overrideOptParamScheduler: true }, "overrideOptParamScheduler"],
    ["NaN max_lr", { maxLr: NaN }, "maxLr"],
    ["missing init_lr", { initLr: undefined }, "init_lr"],
  ];
  it.each(invalid)("refuses %s with InvalidOptionError naming %s", (_name, change, option) => {
    const options: Record<string, unknown> = { ...base, ...change };
    for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
    const optimizer = adam(0.5);
    const error = thrown(() => new OptimizerParamScheduler(optimizer, options as never)) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe(option);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
  });

  it.each([
    [{ lr_decay_steps: -5 }, "lr_decay_steps"],
    [{ max_lr: 1e-6 }, "max_lr"],
    [{ lr_warmup_steps: 100 }, "lr_warmup_steps"],
    [{ wd_incr_style: "linear", wd_incr_steps: 0 }, "wd_incr_steps"],
  ])("names snake_case options as the caller spelled them (%o)", (change, option) => {
    const params = { init_lr: 0, max_lr: 1e-3, min_lr: 1e-5, lr_warmup_steps: 10, lr_decay_steps: 100, lr_decay_style: "linear", start_wd: 0, end_wd: 0, wd_incr_steps: 1, wd_incr_style: "constant", ...change } as const;
    const error = thrown(() => createScheduler(adam(0), { type: "OptimizerParamScheduler", params } as SchedulerConfig)) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe(option);
  });

  it("accepts override_opt_param_scheduler together with use_checkpoint_opt_param_scheduler: false", () => {
    expect(() => new OptimizerParamScheduler(adam(0), { ...base, overrideOptParamScheduler: true, useCheckpointOptParamScheduler: false })).not.toThrow();
  });

  const badGroups: [string, Partial<ParamGroup>, Partial<OptimizerParamSchedulerOptions>, string][] = [
    ["a non-number max_lr", { maxLr: "1e-3" as never }, {}, "paramGroups[1].maxLr"],
    ["a NaN wd_mult", { wdMult: NaN }, {}, "paramGroups[1].wdMult"],
    ["a negative min_lr", { minLr: -1 }, {}, "paramGroups[1].minLr"],
    ["a max_lr below the min_lr", { maxLr: 1e-6 }, {}, "paramGroups[1].maxLr"],
    ["a min_lr above the max_lr", { minLr: 2e-3 }, {}, "paramGroups[1].minLr"],
    ["an end_wd below the start_wd", { endWd: 0.001 }, { startWd: 0.01, endWd: 0.1, wdIncrStyle: "linear" }, "paramGroups[1].endWd"],
    ["a start_wd != end_wd with the constant style", { startWd: 0.001 }, {}, "paramGroups[1].startWd"],
    ["a snake_case override", { max_lr: 1e-4 }, {}, "paramGroups[1].max_lr"],
  ];
  it.each(badGroups)("refuses a group with %s (InvalidOptimizerError naming %s)", (_name, group, change, field) => {
    const optimizer = groups({}, group);
    const error = thrown(() => new OptimizerParamScheduler(optimizer, { ...base, ...change })) as InvalidOptimizerError;
    expect(error).toBeInstanceOf(InvalidOptimizerError);
    expect(error.field).toBe(field);
    expect(optimizer.paramGroups[1]!.lr).toBe(0);
  });
});

describe("OptimizerParamScheduler state dicts", () => {
  const megatronDict = { max_lr: 1e-3, lr_warmup_steps: 10, num_steps: 30, lr_decay_style: "linear", lr_decay_steps: 100, min_lr: 1e-5, start_wd: 0.01, end_wd: 0.01, wd_incr_style: "constant", wd_incr_steps: 100 };

  it("restores its own state exactly after a JSON round trip", () => {
    const optimizer = groups({}, { wdMult: 0.5 });
    const scheduler = new OptimizerParamScheduler(optimizer, { ...base, lrDecayStyle: "cosine", startWd: 0, endWd: 0.1, wdIncrStyle: "cosine" });
    scheduler.step(37);
    const resumedOptimizer = groups({}, { wdMult: 0.5 });
    const resumed = new OptimizerParamScheduler(resumedOptimizer, { ...base, lrDecayStyle: "cosine", startWd: 0, endWd: 0.1, wdIncrStyle: "cosine" });
    resumed.loadStateDict(JSON.parse(JSON.stringify(scheduler.stateDict())));
    expect(resumed.lastEpoch).toBe(37);
    expect(resumedOptimizer.paramGroups).toEqual(optimizer.paramGroups);
  });

  it("adds the num_steps of Megatron's dict to the current count", () => {
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, base);
    scheduler.step(20);
    scheduler.loadStateDict(megatronDict);
    expect(scheduler.lastEpoch).toBe(50);
    expectClose(optimizer.paramGroups[0]!.lr, 1e-5 + (1 - 40 / 90) * (1e-3 - 1e-5));
  });

  it("reads the pre-rename keys warmup_steps, decay_steps and num_iters", () => {
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, base);
    scheduler.loadStateDict({ max_lr: 2e-3, min_lr: 0, warmup_steps: 20, decay_steps: 120, lr_decay_style: "linear", num_iters: 20 });
    expect(scheduler.options).toMatchObject({ maxLr: 2e-3, minLr: 0, lrWarmupSteps: 20, lrDecaySteps: 120, startWd: 0.01 });
    expect(optimizer.paramGroups[0]!.lr).toBe(2e-3);
  });

  it("keeps the constructor's values with override_opt_param_scheduler", () => {
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, { ...base, overrideOptParamScheduler: true, useCheckpointOptParamScheduler: false });
    scheduler.loadStateDict({ ...megatronDict, max_lr: 5e-3, lr_decay_style: "cosine" });
    expect(scheduler.options.maxLr).toBe(1e-3);
    expect(scheduler.options.lrDecayStyle).toBe("linear");
    expect(scheduler.lastEpoch).toBe(30);
  });

  it("refuses a mismatch with use_checkpoint_opt_param_scheduler: false, naming the field and both values, changing nothing", () => {
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, { ...base, useCheckpointOptParamScheduler: false });
    scheduler.step(5);
    const error = thrown(() => scheduler.loadStateDict({ ...megatronDict, start_lr: 2e-3 })) as StateDictMismatchError;
    expect(error).toBeInstanceOf(StateDictMismatchError);
    expect(error.field).toBe("start_lr");
    expect(error.checkpointValue).toBe(2e-3);
    expect(error.currentValue).toBe(1e-3);
    expect(error.message).toContain("0.002");
    expect(error.message).toContain("0.001");
    expect(scheduler.lastEpoch).toBe(5);
    expectClose(optimizer.paramGroups[0]!.lr, 5e-4);
    scheduler.loadStateDict(megatronDict);
    expect(scheduler.lastEpoch).toBe(35);
  });

  it("takes every schedule option of its own dict, init_lr and the WSD settings included", () => {
    const wsd = { ...base, initLr: 1e-4, lrDecayStyle: "WSD" as const, wsdDecaySteps: 40, lrWsdDecayStyle: "cosine" as const };
    const saved = new OptimizerParamScheduler(adam(0), wsd);
    saved.step(7);
    const optimizer = adam(0);
    const resumed = new OptimizerParamScheduler(optimizer, base);
    resumed.loadStateDict(JSON.parse(JSON.stringify(saved.stateDict())));
    expect(resumed.options).toEqual({ ...wsd, ...defaultPolicy });
    expectClose(optimizer.paramGroups[0]!.lr, 1e-4 + (9e-4 * 7) / 10);
    const strict = new OptimizerParamScheduler(adam(0), { ...wsd, initLr: 0, useCheckpointOptParamScheduler: false });
    const error = thrown(() => strict.loadStateDict(saved.stateDict())) as StateDictMismatchError;
    expect(error).toBeInstanceOf(StateDictMismatchError);
    expect(error.field).toBe("options.initLr");
    expect([error.checkpointValue, error.currentValue]).toEqual([1e-4, 0]);
  });

  it("applies the same policy to its own state dict", () => {
    const other = new OptimizerParamScheduler(adam(0), { ...base, endWd: 0.05, wdIncrStyle: "linear" });
    const strict = new OptimizerParamScheduler(adam(0), { ...base, useCheckpointOptParamScheduler: false });
    const error = thrown(() => strict.loadStateDict(other.stateDict())) as StateDictMismatchError;
    expect(error).toBeInstanceOf(StateDictMismatchError);
    expect(error.field).toBe("options.endWd");
  });

  it("writes the weight decay of a Megatron load with the settings from before it; the next step uses the loaded ones", () => {
    const options = { ...base, startWd: 0.05, endWd: 0.05 };
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, options);
    scheduler.loadStateDict({ ...megatronDict, start_wd: 0.01, end_wd: 0.1, wd_incr_style: "linear", wd_incr_steps: 60 });
    expect(optimizer.paramGroups[0]!.weightDecay).toBe(0.05);
    // Our own dict saved at this point reproduces that value, then continues the same way.
    const resumedOptimizer = adam(0);
    const resumed = new OptimizerParamScheduler(resumedOptimizer, options);
    resumed.loadStateDict(JSON.parse(JSON.stringify(scheduler.stateDict())));
    expect(resumedOptimizer.paramGroups[0]!.weightDecay).toBe(0.05);
    scheduler.step();
    resumed.step();
    expectClose(optimizer.paramGroups[0]!.weightDecay, 0.01 + (31 / 60) * 0.09);
    expect(resumedOptimizer.paramGroups[0]!.weightDecay).toBe(optimizer.paramGroups[0]!.weightDecay);
  });

  const badDicts: [string, Record<string, unknown>, string][] = [
    ["no min_lr", { ...megatronDict, min_lr: undefined }, "min_lr"],
    ["no step count", { ...megatronDict, num_steps: undefined }, "num_steps"],
    ["a negative step count", { ...megatronDict, num_steps: -3 }, "num_steps"],
    ["start_wd without end_wd", { ...megatronDict, end_wd: undefined }, "end_wd"],
    ["an unknown legacy decay_style", { ...megatronDict, decay_style: "exotic" }, "decay_style"],
    ["a warmup not below the decay", { ...megatronDict, lr_warmup_steps: 100 }, "lr_warmup_steps"],
  ];
  it.each(badDicts)("refuses a Megatron dict with %s (InvalidStateDictError naming %s), changing nothing", (_name, dict, field) => {
    const optimizer = adam(0);
    const scheduler = new OptimizerParamScheduler(optimizer, base);
    scheduler.step(3);
    const error = thrown(() => scheduler.loadStateDict(dict)) as InvalidStateDictError;
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect(error.field).toBe(field);
    expect(scheduler.lastEpoch).toBe(3);
    expect(scheduler.options).toEqual({ ...base, ...defaultPolicy });
  });

  it("refuses its own dict with a malformed weight decay held from a Megatron load", () => {
    const scheduler = new OptimizerParamScheduler(adam(0), base);
    const dict = { ...scheduler.stateDict(), held: { lr: [1e-4], weightDecay: ["square"] } };
    const error = thrown(() => scheduler.loadStateDict(dict)) as InvalidStateDictError;
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect(error.field).toBe("held.weightDecay");
  });

  it("refuses its own dict with a negative or fractional step count", () => {
    const scheduler = new OptimizerParamScheduler(adam(0), base);
    for (const lastEpoch of [-1, 2.5]) {
      const error = thrown(() => scheduler.loadStateDict({ ...scheduler.stateDict(), lastEpoch })) as InvalidStateDictError;
      expect(error).toBeInstanceOf(InvalidStateDictError);
      expect(error.field).toBe("lastEpoch");
    }
  });
});
