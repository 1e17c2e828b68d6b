/**
 * The engine's promises, on schedules defined here: counter conventions as data, the values written
 * at construction, transactional construction / step / load, held values after a jump, schedules
 * with a value before their first step, absolute schedules without an lr, and typed errors with
 * paths and codes.
 */
import { describe, expect, it } from "vitest";
import { InvalidOptimizerError, InvalidOptionError, InvalidStateDictError, LRSchedulerError, StepError, StepLR, createScheduler, type Optimizer, type SchedulerConfig } from "../../src/index.js";
import {
  defineSchedule,
  deepspeedIterations,
  megatronIncrements,
  num,
  positiveInt,
  stepCounts,
  torchEpochs,
  withDefault,
  type Counter,
} from "../../src/extend.js";
import { sgd, thrown } from "../support/optimizer.js";

const halving = (counter: Counter) =>
  defineSchedule({
    type: `Halving-${counter.argumentName}`,
    family: "test",
    counter,
    base: "lr",
    options: () => ({ every: positiveInt(), lastBatchIteration: withDefault(num(), -1) }),
    build: ({ every }) => ({ shape: (t) => 0.5 ** Math.floor((t + 1) / every) }),
  });

const snapshot = (optimizer: Optimizer) => JSON.stringify(optimizer.paramGroups);

describe("counter conventions are data", () => {
  it("torchEpochs: construction writes step 0; step(x) jumps there and warns", () => {
    const optimizer = sgd(1);
    const s = new (halving(torchEpochs))(optimizer, { every: 2 });
    expect([s.lastEpoch, optimizer.paramGroups[0]!.lr]).toEqual([0, 1]);
    s.step();
    expect([s.lastEpoch, optimizer.paramGroups[0]!.lr]).toEqual([1, 0.5]);
    s.step(5.5);
    expect([s.lastEpoch, optimizer.paramGroups[0]!.lr]).toEqual([5.5, 0.125]);
    expect((thrown(() => s.step(-1)) as StepError).code).toBe("step-refused");
  });

  it("deepspeedIterations: a new run writes iteration -1; step(k) jumps backwards too; whole numbers only", () => {
    const optimizer = sgd(1);
    const s = new (halving(deepspeedIterations))(optimizer, { every: 2 });
    expect([s.lastEpoch, optimizer.paramGroups[0]!.lr]).toEqual([-1, 1]);
    s.step(7);
    s.step(0);
    expect([s.lastEpoch, optimizer.paramGroups[0]!.lr]).toEqual([0, 1]);
    expect(thrown(() => s.step(0.5))).toBeInstanceOf(StepError);
    // A resumed run (last_batch_iteration given) writes nothing until its first step.
    const resumed = sgd(0.3);
    const r = new (halving(deepspeedIterations))(resumed, { every: 2, lastBatchIteration: 9 });
    expect([r.lastEpoch, resumed.paramGroups[0]!.lr]).toEqual([9, 0.3]);
  });

  it("megatronIncrements: step(n) adds n", () => {
    const optimizer = sgd(1);
    const s = new (halving(megatronIncrements))(optimizer, { every: 2 });
    s.step(3);
    s.step();
    expect(s.lastEpoch).toBe(4);
    expect(thrown(() => s.step(-2))).toBeInstanceOf(StepError);
  });

  it("stepCounts: step(k) sets the count; the counter stays within safe integers", () => {
    const s = new (halving(stepCounts))(sgd(1), { every: 2 });
    s.step(41);
    expect(s.lastEpoch).toBe(41);
    expect((thrown(() => s.step(2 ** 53)) as StepError).message).toContain("2**53");
    expect(s.lastEpoch).toBe(41);
  });
});

describe("transactions", () => {
  it("a constructor refused by build leaves the groups byte-identical", () => {
    const optimizer = sgd(0.1);
    const before = snapshot(optimizer);
    expect(thrown(() => createScheduler(optimizer, { type: "SequentialLR", params: { schedulers: [{ type: "StepLR", params: { step_size: 2 } }], milestones: [3] } }))).toBeInstanceOf(InvalidOptionError);
    expect(snapshot(optimizer)).toBe(before);
  });

  it("frozen or sealed groups get a typed error, not a TypeError", () => {
    expect((thrown(() => new StepLR({ paramGroups: [Object.freeze({ lr: 0.1 })] }, { stepSize: 1 })) as InvalidOptimizerError).field).toBe("paramGroups[0]");
    expect(thrown(() => new StepLR({ paramGroups: [Object.seal({ lr: 0.1 })] }, { stepSize: 1 }))).toBeInstanceOf(InvalidOptimizerError);
    expect(thrown(() => new StepLR({ paramGroups: [{ lr: 0.1 }], defaults: null as never }, { stepSize: 1 }))).toBeInstanceOf(InvalidOptimizerError);
  });

  it("a group frozen after construction: the step is refused with a typed error and nothing changes", () => {
    const optimizer: Optimizer = { paramGroups: [{ lr: 1 }, { lr: 1 }] };
    const s = new StepLR(optimizer, { stepSize: 1, gamma: 0.5 });
    Object.freeze(optimizer.paramGroups[1]);
    expect(thrown(() => s.step())).toBeInstanceOf(InvalidOptimizerError);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([1, 1]);
    expect(s.lastEpoch).toBe(0);
  });

  it("loadStateDict refuses a malformed second argument, an unknown policy and null", () => {
    const s = new StepLR(sgd(1), { stepSize: 1 });
    const dict = s.stateDict();
    for (const options of [null, "strict", { config: "no-such-policy" }, { config: "strict", extra: 1 }]) {
      expect(thrown(() => s.loadStateDict(dict, options as never))).toBeInstanceOf(LRSchedulerError);
    }
    expect((thrown(() => s.loadStateDict(null)) as InvalidStateDictError).field).toBe("(state dict)");
  });

  it('"current" checks the restored step with the options it keeps', () => {
    const saved = new StepLR(sgd(1), { stepSize: 1, gamma: 0.5 });
    for (let k = 0; k < 10; k++) saved.step();
    const optimizer = sgd(1);
    const target = new StepLR(optimizer, { stepSize: 1, gamma: 1e300 });
    const before = snapshot(optimizer);
    expect(thrown(() => target.loadStateDict(saved.stateDict(), { config: "current" }))).toBeInstanceOf(InvalidStateDictError);
    expect(snapshot(optimizer)).toBe(before);
    expect(target.lastEpoch).toBe(0);
  });

  it('"strict" counts an option written out at its default as equal to one left out', () => {
    const saved = new StepLR(sgd(1), { stepSize: 3 });
    const target = new StepLR(sgd(1), { stepSize: 3, gamma: 0.1 });
    target.loadStateDict(saved.stateDict(), { config: "strict" });
    target.loadStateDict({ step_size: 3, base_lrs: [1], last_epoch: 4 }, { config: "strict" });
    expect(target.lastEpoch).toBe(4);
  });

  it("a state dict nested past the limit is refused with its code", () => {
    let dict: Record<string, unknown> = new StepLR(sgd(1), { stepSize: 1 }).stateDict() as never;
    for (let k = 0; k < 40; k++) dict = { format: "lr-schedulers", version: 1, type: "WithWarmup", lastEpoch: 0, baseLrs: [1], options: { warmupSteps: 1 }, children: [dict] };
    let s: ReturnType<typeof createScheduler> = createScheduler(sgd(1), { type: "StepLR", params: { step_size: 1 } });
    for (let k = 0; k < 40; k++) s = createScheduler(s.optimizer, { type: "WithWarmup", params: { schedule: s, warmup_steps: 1 } }) as never;
    expect((thrown(() => s.loadStateDict(dict)) as InvalidStateDictError).code).toBe("nesting-too-deep");
  });

  it("a config nested past the limit is refused with its code, not a stack overflow", () => {
    let config: Record<string, unknown> = { type: "StepLR", params: { step_size: 1 } };
    for (let k = 0; k < 2000; k++) config = { type: "WithWarmup", params: { schedule: config, warmup_steps: 1 } };
    const optimizer = sgd(1);
    const before = snapshot(optimizer);
    expect((thrown(() => createScheduler(optimizer, config)) as LRSchedulerError).code).toBe("nesting-too-deep");
    expect(snapshot(optimizer)).toBe(before);
  });
});

describe("what a form may declare", () => {
  const Jumping = defineSchedule({
    type: "Jumping",
    family: "test",
    counter: torchEpochs,
    options: () => ({}),
    build: () => ({ shape: (t) => 1 / (1 + t), jumpShape: (t) => 10 / (1 + t) }),
  });

  it("jumpShape: the values of a step(x) are kept until the next step, also through a state dict", () => {
    const optimizer = sgd(1);
    const s = new Jumping(optimizer);
    s.step(4);
    expect(optimizer.paramGroups[0]!.lr).toBe(2);
    const fresh = sgd(1);
    const resumed = new Jumping(fresh);
    resumed.loadStateDict(JSON.parse(JSON.stringify(s.stateDict())));
    expect(fresh.paramGroups[0]!.lr).toBe(2);
    expect(resumed.getLr()).toEqual([2]);
    resumed.step();
    expect(fresh.paramGroups[0]!.lr).toBe(1 / 6);
  });

  const Timmish = defineSchedule({
    type: "Timmish",
    family: "test",
    counter: stepCounts,
    base: "absolute",
    options: () => ({ start: num() }),
    build: ({ start }) => ({ beforeStart: () => start, shape: (t) => 1 / (1 + t), lr: (_i, s) => s }),
  });

  it("beforeStart: construction writes it; a state dict saved before the first step restores it", () => {
    const optimizer: Optimizer = { paramGroups: [{}, {}] as never };
    const s = new Timmish(optimizer, { start: 0.25 });
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.25, 0.25]);
    const dict = JSON.parse(JSON.stringify(s.stateDict())) as { started?: boolean };
    expect(dict.started).toBe(false);
    s.step(0);
    expect(optimizer.paramGroups[0]!.lr).toBe(1);
    s.loadStateDict(dict);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.25);
  });

  it("groupFields are written into the groups of a new run, and taken back if construction fails", () => {
    const Fields = defineSchedule({
      type: "Fields",
      family: "test",
      counter: torchEpochs,
      options: () => ({ peak: num() }),
      build: ({ peak }) => ({ groupFields: () => ({ maxLr: peak }), shape: () => peak }),
    });
    const optimizer = sgd(1);
    new Fields(optimizer, { peak: 3 });
    expect(optimizer.paramGroups[0]).toMatchObject({ lr: 3, maxLr: 3, initialLr: 1 });
    const other = sgd(1);
    const before = snapshot(other);
    expect(thrown(() => new Fields(other, { peak: 1e308 * 10 }))).toBeInstanceOf(InvalidOptionError);
    expect(snapshot(other)).toBe(before);
  });
});

describe("errors carry a path and a code", () => {
  it("names the option as the caller spelled it, suggests near misses, refuses odd spellings", () => {
    const cases: [Record<string, unknown>, string, string, string | undefined][] = [
      [{ stepsize: 30 }, "stepsize", "unknown-option", "step_size"],
      [{ stepSzie: 30 }, "stepSzie", "unknown-option", "stepSize"],
      [{ _step_size: 30 }, "_step_size", "unknown-option", "step_size"],
      [{ STEP_SIZE: 30 }, "STEP_SIZE", "unknown-option", "step_size"],
      [{ step_size: 0 }, "step_size", "invalid-option", undefined],
      [{}, "step_size", "missing-option", undefined],
    ];
    for (const [params, path, code, suggestion] of cases) {
      const error = thrown(() => createScheduler(sgd(1), { type: "StepLR", params })) as InvalidOptionError;
      expect([error.path, error.code, error.suggestion, error.where]).toEqual([path, code, suggestion, "StepLR"]);
    }
  });

  it("a composite prefixes its child's path", () => {
    const error = thrown(() =>
      createScheduler(sgd(1), { type: "SequentialLR", params: { schedulers: [{ type: "StepLR", params: { step_size: 1 } }, { type: "StepLR", params: { stepSize: 1, gamma: "x" } }], milestones: [2] } }),
    ) as InvalidOptionError;
    expect([error.path, error.where]).toEqual(["schedulers[1].gamma", "SequentialLR"]);
  });

  it("unknown types get a suggestion", () => {
    const error = thrown(() => createScheduler(sgd(1), { type: "StepLr" } as SchedulerConfig)) as LRSchedulerError & { suggestion?: string };
    expect([error.code, error.suggestion]).toEqual(["unknown-scheduler-type", "StepLR"]);
  });
});
