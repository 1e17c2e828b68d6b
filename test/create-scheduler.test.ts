import { afterEach, describe, expect, it } from "vitest";
import {
  InvalidConfigError,
  InvalidOptionError,
  LRSchedulerError,
  StepLR,
  UnknownSchedulerTypeError,
  createScheduler,
  knownSchedulerTypes,
  registerScheduler,
  unregisterScheduler,
  type SchedulerConfig,
} from "../src/index.js";
import { defineSchedule, positiveInt, torchEpochs } from "../src/extend.js";
import { sgd, thrown } from "./support/optimizer.js";

const halving = (type: string) =>
  defineSchedule({
    type,
    family: "custom",
    counter: torchEpochs,
    options: () => ({ every: positiveInt() }),
    build: ({ every }) => ({ shape: (t) => 0.5 ** Math.floor(t / every) }),
  });
const HalvingLR = halving("HalvingLR");

afterEach(() => {
  unregisterScheduler("HalvingLR");
});

describe("createScheduler", () => {
  it("builds a built-in type from Python keyword arguments or camelCase", () => {
    for (const params of [{ step_size: 2, gamma: 0.5 }, { stepSize: 2, gamma: 0.5 }]) {
      const optimizer = sgd(1);
      const scheduler = createScheduler(optimizer, { type: "StepLR", params });
      expect(scheduler).toBeInstanceOf(StepLR);
      scheduler.step();
      scheduler.step();
      expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
    }
  });

  it("reads the scheduler section of a ds_config.json and ignores the rest", () => {
    const optimizer = sgd(1);
    const scheduler = createScheduler(optimizer, {
      train_batch_size: 8,
      optimizer: { type: "Adam", params: { lr: 0.001 } },
      scheduler: { type: "StepLR", params: { step_size: 1 } },
    });
    expect(scheduler.type).toBe("StepLR");
  });

  it("names what is wrong with a config", () => {
    const cases: [unknown, string][] = [
      [null, "config"],
      [[], "config"],
      [{ params: {} }, "type"],
      [{ type: "" }, "type"],
      [{ type: 3 }, "type"],
      [{ type: "StepLR", params: [1] }, "params"],
      [{ type: "StepLR", params: { step_size: 1 }, gamma: 0.1 }, "gamma"],
      [{ optimizer: {}, scheduler: null }, "scheduler"],
      [{ optimizer: {}, scheduler: { params: {} } }, "scheduler.type"],
      [{ scheduler: { type: "StepLR", params: "x" } }, "scheduler.params"],
      [{ train_batch_size: 8 }, "type"],
    ];
    for (const [config, field] of cases) {
      const error = thrown(() => createScheduler(sgd(1), config as never)) as InvalidConfigError;
      expect(error, JSON.stringify(config)).toBeInstanceOf(InvalidConfigError);
      expect(error.field).toBe(field);
    }
  });

  it("lists the known types for an unknown one", () => {
    const error = thrown(() => createScheduler(sgd(1), { type: "StepLr" } as SchedulerConfig)) as UnknownSchedulerTypeError;
    expect(error).toBeInstanceOf(UnknownSchedulerTypeError);
    expect(error.known).toContain("StepLR");
    expect(error.suggestion).toBe("StepLR");
    expect(error.message).toContain("StepLR");
    expect(thrown(() => createScheduler(sgd(1), { type: "__proto__" } as SchedulerConfig))).toBeInstanceOf(UnknownSchedulerTypeError);
    expect(thrown(() => createScheduler(sgd(1), { type: "toString" } as SchedulerConfig))).toBeInstanceOf(UnknownSchedulerTypeError);
  });

  it("passes option errors through with the option as spelled", () => {
    const error = thrown(() => createScheduler(sgd(1), { type: "StepLR", params: { step_size: -1 } })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("step_size");
  });

  it("builds user-registered schedulers by name", () => {
    registerScheduler(HalvingLR);
    expect(knownSchedulerTypes()).toContain("HalvingLR");
    const optimizer = sgd(0.8);
    const scheduler = createScheduler(optimizer, { type: "HalvingLR", params: { every: 1 } } as SchedulerConfig);
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBe(0.4);
    expect(thrown(() => registerScheduler(HalvingLR))).toBeInstanceOf(LRSchedulerError);
    registerScheduler(HalvingLR, { replace: true });
    expect(unregisterScheduler("HalvingLR")).toBe(true);
    expect(thrown(() => createScheduler(sgd(1), { type: "HalvingLR" } as SchedulerConfig))).toBeInstanceOf(UnknownSchedulerTypeError);
  });

  it("refuses to register a class without a name, or something that is no schedule", () => {
    expect(thrown(() => registerScheduler(halving("")))).toBeInstanceOf(LRSchedulerError);
    expect(thrown(() => registerScheduler({} as never))).toBeInstanceOf(LRSchedulerError);
  });

  it("takes every type also as <family>.<name>, and a Keras { class_name, config } dict", () => {
    const optimizer = sgd(1);
    expect(createScheduler(optimizer, { type: "torch.StepLR", params: { step_size: 1 } })).toBeInstanceOf(StepLR);
    expect(thrown(() => createScheduler(optimizer, { class_name: "NoSuchDecay", config: {} }))).toBeInstanceOf(UnknownSchedulerTypeError);
    expect((thrown(() => createScheduler(optimizer, { class_name: 3 })) as InvalidConfigError).field).toBe("class_name");
  });
});
