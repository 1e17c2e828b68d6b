/**
 * Keras serialisation: `getConfig()` gives the dict Keras' `get_config()` writes (the configs of
 * Keras' own `test_config` tests), and `createScheduler` builds a schedule back from
 * `{ class_name, config }` or the whole `serialize()` dict, as a Keras model's optimizer config holds it.
 */
import { describe, expect, it } from "vitest";
import {
  CosineDecay,
  CosineDecayRestarts,
  ExponentialDecay,
  InvalidOptionError,
  InverseTimeDecay,
  PiecewiseConstantDecay,
  PolynomialDecay,
  createScheduler,
  serializeKerasSchedule,
  type KerasSchedule,
  type LRScheduler,
} from "../../../src/index.js";
import { thrown } from "../../support/optimizer.js";
import { groups } from "./support.js";

/** The schedules of Keras' `test_config` tests and the dict `get_config()` returns for each, in Keras' key order. */
const KERAS_CONFIGS: [string, Record<string, unknown>][] = [
  ["ExponentialDecay", { initial_learning_rate: 0.05, decay_steps: 10, decay_rate: 0.96, staircase: true, name: "my_ed" }],
  ["PiecewiseConstantDecay", { boundaries: [10, 20], values: [1, 2, 3], name: "my_pcd" }],
  ["PolynomialDecay", { initial_learning_rate: 0.1, decay_steps: 100, end_learning_rate: 0.005, power: 1.0, cycle: false, name: "my_ld" }],
  ["InverseTimeDecay", { initial_learning_rate: 0.05, decay_steps: 10, decay_rate: 0.96, staircase: true, name: "my_itd" }],
  ["CosineDecay", { initial_learning_rate: 0.05, decay_steps: 10, alpha: 0.1, name: "my_cd", warmup_target: 0.2, warmup_steps: 2 }],
  ["CosineDecayRestarts", { initial_learning_rate: 0.05, first_decay_steps: 10, t_mul: 3.0, m_mul: 4.0, alpha: 0.1, name: "my_cdr" }],
];

type Keras = LRScheduler & KerasSchedule;

const lrsOf = (scheduler: LRScheduler, steps: number) =>
  Array.from({ length: steps }, () => {
    scheduler.step();
    return scheduler.optimizer.paramGroups[0]!.lr;
  });

describe("getConfig", () => {
  it.each(KERAS_CONFIGS)("%s: gives Keras' get_config() dict and builds the same schedule again", (className, config) => {
    const scheduler = createScheduler(groups(), { class_name: className, config }) as Keras;
    expect(scheduler.type).toBe(className);
    expect(scheduler.getConfig()).toEqual(config);
    expect(Object.keys(scheduler.getConfig())).toEqual(Object.keys(config));
    const again = createScheduler(groups(), { class_name: className, config: JSON.parse(JSON.stringify(scheduler.getConfig())) }) as Keras;
    expect(again.getConfig()).toEqual(config);
    expect(lrsOf(again, 30)).toEqual(lrsOf(scheduler, 30));
  });

  it("fills in Keras' defaults, its default names included, and writes snake_case whatever the spelling given", () => {
    const o = groups();
    expect(new ExponentialDecay(o, { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.9 }).getConfig()).toEqual({
      initial_learning_rate: 0.1,
      decay_steps: 10,
      decay_rate: 0.9,
      staircase: false,
      name: "ExponentialDecay",
    });
    expect(new PiecewiseConstantDecay(o, { boundaries: [5], values: [1, 0.1] }).getConfig().name).toBe("PiecewiseConstant");
    expect(new PolynomialDecay(o, { initialLearningRate: 0.1, decaySteps: 10 }).getConfig()).toEqual({
      initial_learning_rate: 0.1,
      decay_steps: 10,
      end_learning_rate: 0.0001,
      power: 1.0,
      cycle: false,
      name: "PolynomialDecay",
    });
    expect(new InverseTimeDecay(o, { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 }).getConfig().name).toBe("InverseTimeDecay");
    expect(new CosineDecay(o, { initialLearningRate: 0.1, decaySteps: 10 }).getConfig()).toEqual({
      initial_learning_rate: 0.1,
      decay_steps: 10,
      alpha: 0.0,
      name: "CosineDecay",
      warmup_target: null,
      warmup_steps: 0,
    });
    expect(new CosineDecayRestarts(o, { initialLearningRate: 0.1, firstDecaySteps: 10 }).getConfig()).toEqual({
      initial_learning_rate: 0.1,
      first_decay_steps: 10,
      t_mul: 2.0,
      m_mul: 1.0,
      alpha: 0.0,
      name: "SGDRDecay",
    });
  });

  it("is a copy: changing it changes nothing in the schedule", () => {
    const scheduler = new PiecewiseConstantDecay(groups(), { boundaries: [5], values: [1, 0.1] });
    (scheduler.getConfig().values as number[])[0] = 7;
    expect(scheduler.getConfig().values).toEqual([1, 0.1]);
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBe(1);
  });
});

describe("Keras' serialised form in createScheduler", () => {
  it("reads keras.optimizers.schedules.serialize(...) output, module and registered_name included", () => {
    const scheduler = new CosineDecay(groups(), { initialLearningRate: 0.0, decaySteps: 100, warmupTarget: 0.1, warmupSteps: 20 });
    const serialized = serializeKerasSchedule(scheduler);
    expect(serialized).toEqual({
      module: "keras.optimizers.schedules",
      class_name: "CosineDecay",
      config: { initial_learning_rate: 0.0, decay_steps: 100, alpha: 0.0, name: "CosineDecay", warmup_target: 0.1, warmup_steps: 20 },
      registered_name: null,
    });
    const again = createScheduler(groups(), JSON.parse(JSON.stringify(serialized)));
    expect(lrsOf(again, 150)).toEqual(lrsOf(scheduler, 150));
  });

  it("reads the config of Keras' deserialize() docstring (name None)", () => {
    const config = { class_name: "PolynomialDecay", config: { cycle: false, decay_steps: 10000, end_learning_rate: 0.01, initial_learning_rate: 0.1, name: null, power: 0.5 } };
    const scheduler = createScheduler(groups(), config) as PolynomialDecay;
    expect(scheduler.getConfig().name).toBe(null);
    scheduler.step(2500);
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBe((0.1 - 0.01) * (1 - 2500 / 10000) ** 0.5 + 0.01);
  });

  it("a name is kept in the state dict and changes no value", () => {
    const named = new ExponentialDecay(groups(), { initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.5, name: "warm" });
    const plain = new ExponentialDecay(groups(), { initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.5 });
    expect(named.stateDict().options.name).toBe("warm");
    expect(lrsOf(named, 10)).toEqual(lrsOf(plain, 10));
  });

  it("refuses keys that are not the class's keywords (Keras' from_config raises a TypeError)", () => {
    const error = thrown(() => createScheduler(groups(), { class_name: "ExponentialDecay", config: { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.9, dtype: "float32" } }));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe("dtype");
    expect(thrown(() => createScheduler(groups(), { class_name: "ExponentialDecay", config: { decay_steps: 10, decay_rate: 0.9 } }))).toBeInstanceOf(InvalidOptionError);
    expect(thrown(() => new CosineDecay(groups(), { initialLearningRate: 0.1, decaySteps: 10, name: 3 as unknown as string }))).toBeInstanceOf(InvalidOptionError);
  });

  it("also takes { type, params } under the bare and the prefixed names", () => {
    const params = { initial_learning_rate: 0.1, decay_steps: 10, decay_rate: 0.5, staircase: true };
    expect(createScheduler(groups(), { type: "ExponentialDecay", params }).type).toBe("ExponentialDecay");
    expect(createScheduler(groups(), { type: "keras.ExponentialDecay", params }).type).toBe("ExponentialDecay");
  });
});
