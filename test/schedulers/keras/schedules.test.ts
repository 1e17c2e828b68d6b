/**
 * The six Keras schedules: Keras 3's own `learning_rate_schedule_test.py`, ported with float64
 * expectations, and the quirks of the keras section of test/fixtures/reference/README.md.
 */
import { describe, expect, it } from "vitest";
import {
  CosineDecay,
  CosineDecayRestarts,
  ExponentialDecay,
  InverseTimeDecay,
  InvalidOptimizerError,
  InvalidOptionError,
  PiecewiseConstantDecay,
  PolynomialDecay,
  StepError,
  createScheduler,
} from "../../../src/index.js";
import { thrown } from "../../support/optimizer.js";
import { at, expectClose, groups } from "./support.js";

describe("the Keras step count", () => {
  it("writes the value at count 0 at construction and the value at count k after the k-th step", () => {
    const optimizer = groups();
    const scheduler = new ExponentialDecay(optimizer, { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5 });
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1);
    expect(scheduler.lastEpoch).toBe(0);
    scheduler.step();
    expect(scheduler.lastEpoch).toBe(1);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1 * 0.5 ** 0.1);
    scheduler.step(20); // sets the count, as assigning the optimizer's iterations does
    expect(optimizer.paramGroups[0]!.lr).toBe(0.025);
    scheduler.step();
    expect(scheduler.lastEpoch).toBe(21);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1 * 0.5 ** 2.1);
  });

  it("gives every group the same value, whatever lr the groups had", () => {
    const optimizer = { paramGroups: [{ lr: 0.5 }, { lr: 7 }, {} as { lr: number }] };
    new PiecewiseConstantDecay(optimizer, { boundaries: [5], values: [0.1, 0.01] });
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.1, 0.1]);
  });

  it("refuses a step count that is not a whole number >= 0, changing nothing", () => {
    const scheduler = new InverseTimeDecay(groups(), { initialLearningRate: 0.1, decaySteps: 1, decayRate: 0.5 });
    expect(thrown(() => scheduler.step(1.5))).toBeInstanceOf(StepError);
    expect(thrown(() => scheduler.step(-1))).toBeInstanceOf(StepError);
    expect(scheduler.lastEpoch).toBe(0);
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBe(0.1);
  });

  it("takes Keras' snake_case keywords as well as camelCase, not both for one option", () => {
    const fromPython = JSON.parse('{"initial_learning_rate": 0.1, "decay_steps": 10, "decay_rate": 0.5, "staircase": true}') as never;
    const scheduler = new ExponentialDecay(groups(), fromPython);
    expect(scheduler.options).toEqual({ initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.5, staircase: true, name: "ExponentialDecay" });
    const both = { initial_learning_rate: 0.1, initialLearningRate: 0.1, decay_steps: 10, decay_rate: 0.5 } as never;
    expect(thrown(() => new ExponentialDecay(groups(), both))).toBeInstanceOf(InvalidOptionError);
  });

  it("still checks a group lr that is given", () => {
    expect(thrown(() => new CosineDecay({ paramGroups: [{ lr: "x" as unknown as number }] }, { initialLearningRate: 0.1, decaySteps: 10 }))).toBeInstanceOf(InvalidOptimizerError);
  });

  it("refuses decay_steps <= 0 at construction, naming the option as spelled", () => {
    const keras = (type: string, params: object) => () => createScheduler(groups(), { type, params: { initial_learning_rate: 0.1, ...params } });
    const cases: [() => unknown, string][] = [
      [keras("ExponentialDecay", { decay_steps: 0, decay_rate: 0.9 }), "decay_steps"],
      [keras("InverseTimeDecay", { decay_steps: -1, decay_rate: 0.9 }), "decay_steps"],
      [() => new PolynomialDecay(groups(), { initialLearningRate: 0.1, decaySteps: -10 }), "decaySteps"],
      [keras("CosineDecay", { decay_steps: 0 }), "decay_steps"],
      [keras("CosineDecayRestarts", { first_decay_steps: 0 }), "first_decay_steps"],
    ];
    for (const [make, key] of cases) {
      const error = thrown(make);
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect((error as InvalidOptionError).option).toBe(key);
    }
  });

  it("refuses a value that would not be finite (Keras would write inf or nan)", () => {
    const scheduler = new InverseTimeDecay(groups(), { initialLearningRate: 0.1, decaySteps: 1, decayRate: -0.5 });
    expect(at(scheduler, 1)).toBe(0.2);
    const error = thrown(() => scheduler.step(2)); // 0.1 / (1 - 0.5 * 2) = Infinity
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).code).toBe("non-finite-value");
    expect(scheduler.lastEpoch).toBe(1);
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBe(0.2);
  });

  it("resumes exactly from its JSON state dict in a fresh optimizer", () => {
    const options = { initialLearningRate: 0.0001, decaySteps: 50, warmupTarget: 0.0003, warmupSteps: 5, name: "run-7" };
    const scheduler = new CosineDecay(groups(2), options);
    for (let k = 0; k < 23; k++) scheduler.step();
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict()));
    const optimizer = groups(2);
    const resumed = new CosineDecay(optimizer, options);
    resumed.loadStateDict(dict);
    expect(resumed.lastEpoch).toBe(23);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual(scheduler.optimizer.paramGroups.map((g) => g.lr));
    expect(resumed.options.name).toBe("run-7");
    for (let k = 0; k < 40; k++) {
      scheduler.step();
      resumed.step();
      expect(optimizer.paramGroups[0]!.lr).toBe(scheduler.optimizer.paramGroups[0]!.lr);
    }
  });
});

describe("ExponentialDecay", () => {
  it("test_continuous: 0.05 * 0.96 ** (5 / 10) at step 5", () => {
    expectClose(at(new ExponentialDecay(groups(), { initialLearningRate: 0.05, decaySteps: 10, decayRate: 0.96 }), 5), 0.05 * 0.96 ** (5.0 / 10.0));
  });

  it("test_staircase / test_variables: no change before the first multiple, then 0.96 ** floor(step / 3)", () => {
    const scheduler = new ExponentialDecay(groups(), { initialLearningRate: 0.1, decaySteps: 3, decayRate: 0.96, staircase: true });
    expect(at(scheduler, 1)).toBe(0.1);
    expect(at(scheduler, 2)).toBe(0.1);
    expectClose(at(scheduler, 100), 0.1 * 0.96 ** Math.floor(100 / 3));
  });

  it("takes a fractional decay_steps and grows without bound for decay_rate > 1", () => {
    const scheduler = new ExponentialDecay(groups(), { initialLearningRate: 0.01, decaySteps: 2.5, decayRate: 1.5 });
    expectClose(at(scheduler, 5), 0.01 * 1.5 ** 2);
    expectClose(at(scheduler, 250), 0.01 * 1.5 ** 100);
  });
});

describe("InverseTimeDecay", () => {
  it("test_decay: 0.1 / (1 + i / 10 * 0.96) for the first 11 steps", () => {
    const scheduler = new InverseTimeDecay(groups(), { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.96 });
    for (let i = 0; i <= 10; i++) {
      expectClose(scheduler.optimizer.paramGroups[0]!.lr, 0.1 / (1 + (i / 10) * 0.96));
      scheduler.step();
    }
  });

  it("test_staircase: 0.1 / (1 + 0.96 * floor(i / 10))", () => {
    const scheduler = new InverseTimeDecay(groups(), { initialLearningRate: 0.1, decaySteps: 10, decayRate: 0.96, staircase: true });
    for (let i = 0; i <= 10; i++) {
      expectClose(scheduler.optimizer.paramGroups[0]!.lr, 0.1 / (1 + 0.96 * Math.floor(i / 10)));
      scheduler.step();
    }
  });
});

describe("PolynomialDecay", () => {
  const lr = 0.05;
  const end = 0.001;
  const make = (options: object) => new PolynomialDecay(groups(), { initialLearningRate: lr, decaySteps: 10, endLearningRate: end, ...options });

  it("LinearDecayTest: halfway, end, beyond the end (held), beyond the end with cycle", () => {
    expectClose(at(make({ endLearningRate: 0 }), 5), lr * 0.5);
    expectClose(at(make({}), 5), (lr + end) * 0.5);
    expect(at(make({}), 10)).toBe(end);
    expect(at(make({}), 15)).toBe(end);
    expectClose(at(make({ cycle: true }), 15), (lr - end) * 0.25 + end);
  });

  it("SqrtDecayTest: power 0.5", () => {
    expectClose(at(make({ endLearningRate: 0, power: 0.5 }), 5), lr * 0.5 ** 0.5);
    expectClose(at(make({ power: 0.5 }), 5), (lr - end) * 0.5 ** 0.5 + end);
    expect(at(make({ power: 0.5 }), 15)).toBe(end);
    expectClose(at(make({ power: 0.5, cycle: true }), 15), (lr - end) * 0.25 ** 0.5 + end);
  });

  it("defaults end_learning_rate to 0.0001 and power to 1", () => {
    const scheduler = new PolynomialDecay(groups(), { initialLearningRate: 0.1, decaySteps: 10 });
    expect(scheduler.options).toMatchObject({ endLearningRate: 0.0001, power: 1, cycle: false, name: "PolynomialDecay" });
    expect(at(scheduler, 10)).toBe(0.0001);
  });

  it("cycle: the multiplier is 1 at step 0 (test_begin_with_cycle), the end rate at every multiple, a jump back up after it", () => {
    const scheduler = new PolynomialDecay(groups(), { initialLearningRate: 0.001, decaySteps: 10, cycle: true, endLearningRate: 0.0001 });
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBe(0.001); // ceil(0 / 10) = 0 would divide by zero
    expect(at(scheduler, 10)).toBe(0.0001);
    expectClose(at(scheduler, 11), (0.001 - 0.0001) * (1 - 11 / 20) + 0.0001); // the second period is 20 steps
    expect(at(scheduler, 20)).toBe(0.0001);
    expectClose(at(scheduler, 21), (0.001 - 0.0001) * (1 - 21 / 30) + 0.0001);
  });

  it("rises when end_learning_rate is above the initial rate", () => {
    const scheduler = new PolynomialDecay(groups(), { initialLearningRate: 0.01, decaySteps: 4, endLearningRate: 0.05 });
    const values = [1, 2, 3, 4, 5].map((k) => at(scheduler, k));
    [0.02, 0.03, 0.04, 0.05, 0.05].forEach((v, k) => expect(values[k]).toBeCloseTo(v, 15));
    expect(values[3]).toBe(0.05);
  });
});

describe("PiecewiseConstantDecay", () => {
  it("test_piecewise_values: a step equal to a boundary keeps the earlier value", () => {
    const scheduler = new PiecewiseConstantDecay(groups(), { boundaries: [100, 110, 120], values: [1.0, 0.1, 0.01, 0.001] });
    expect([0, 100, 105, 110, 120, 121, 999].map((k) => at(scheduler, k))).toEqual([1.0, 1.0, 0.1, 0.1, 0.01, 0.001, 0.001]);
  });

  it("test_boundary_values", () => {
    const scheduler = new PiecewiseConstantDecay(groups(), { boundaries: [1, 2, 3], values: [0.4, 0.5, 0.6, 0.7] });
    expect([0, 1, 2, 3, 4].map((k) => at(scheduler, k))).toEqual([0.4, 0.4, 0.5, 0.6, 0.7]);
  });

  it("sums indicator * value terms without checking the boundaries: unsorted ones add two values or none", () => {
    // [10, 5]: step <= 10 gives values[0]; step > 5 gives values[2]; (10, 5] is empty.
    const unsorted = new PiecewiseConstantDecay(groups(), { boundaries: [10, 5], values: [1, 2, 4] });
    expect([0, 5, 6, 10, 11].map((k) => at(unsorted, k))).toEqual([1, 1, 5, 5, 4]);
    const repeated = new PiecewiseConstantDecay(groups(), { boundaries: [5, 5], values: [1, 2, 3] });
    expect([5, 6].map((k) => at(repeated, k))).toEqual([1, 3]); // values[1] is unreachable
  });

  it("truncates fractional boundaries toward zero (they are cast to the step's integer type); negative ones are fine", () => {
    const scheduler = new PiecewiseConstantDecay(groups(), { boundaries: [-1.5, 2.7], values: [1, 2, 3] });
    // -1.5 -> -1, 2.7 -> 2: step 0 is already past the first boundary
    expect([0, 2, 3].map((k) => at(scheduler, k))).toEqual([2, 2, 3]);
  });

  it("refuses len(boundaries) != len(values) - 1 and an empty boundaries (an IndexError at Keras' first evaluation)", () => {
    const mismatch = thrown(() => new PiecewiseConstantDecay(groups(), { boundaries: [10, 20], values: [1.0, 0.5] }));
    expect(mismatch).toBeInstanceOf(InvalidOptionError);
    expect((mismatch as InvalidOptionError).option).toBe("values");
    const empty = thrown(() => new PiecewiseConstantDecay(groups(), { boundaries: [], values: [1.0] }));
    expect((empty as InvalidOptionError).option).toBe("boundaries");
  });
});

describe("CosineDecay", () => {
  const cosine = (step: number, decaySteps: number, alpha = 0) => (1 - alpha) * (0.5 * (1 + Math.cos(Math.PI * (Math.min(step, decaySteps) / decaySteps)))) + alpha;

  it("test_decay / test_alpha / test_float64: held after decay_steps", () => {
    for (let step = 0; step < 1500; step += 250) {
      expectClose(at(new CosineDecay(groups(), { initialLearningRate: 1.0, decaySteps: 1000 }), step), cosine(step, 1000), 1e-12);
      expectClose(at(new CosineDecay(groups(), { initialLearningRate: 1.0, decaySteps: 1000, alpha: 0.1 }), step), cosine(step, 1000, 0.1));
    }
  });

  it("test_warmup / test_warmup_decay: linear to warmup_target, then the cosine from it", () => {
    const scheduler = new CosineDecay(groups(), { initialLearningRate: 0.0, decaySteps: 1000, warmupTarget: 10.0, warmupSteps: 2000 });
    for (let step = 0; step < 3000; step += 250) {
      const expected = step < 2001 ? (step / 2000) * 10 : 10 * cosine(step - 2000, 1000);
      expectClose(at(scheduler, step), expected, 1e-12);
    }
  });

  it("ignores warmup_steps without warmup_target", () => {
    const plain = new CosineDecay(groups(), { initialLearningRate: 0.1, decaySteps: 100 });
    const ignored = new CosineDecay(groups(), { initialLearningRate: 0.1, decaySteps: 100, warmupSteps: 50 });
    for (const k of [0, 10, 50, 99, 100, 150]) expect(at(ignored, k)).toBe(at(plain, k));
    expect(at(ignored, 100)).toBe(0);
  });

  it("with warmup_target and warmup_steps 0, decays from warmup_target, not from the initial rate", () => {
    const scheduler = new CosineDecay(groups(), { initialLearningRate: 0.01, decaySteps: 100, warmupTarget: 0.2 });
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBe(0.2);
    expectClose(at(scheduler, 50), 0.2 * cosine(50, 100));
  });

  it("holds at warmup_target * alpha after warmup_steps + decay_steps; alpha > 1 rises", () => {
    const scheduler = new CosineDecay(groups(), { initialLearningRate: 0.0001, decaySteps: 50, alpha: 0.01, warmupTarget: 0.0003, warmupSteps: 5 });
    expectClose(at(scheduler, 55), 0.0003 * 0.01);
    expect(at(scheduler, 1000)).toBe(at(scheduler, 55));
    const rising = new CosineDecay(groups(), { initialLearningRate: 0.1, decaySteps: 10, alpha: 2 });
    expectClose(at(rising, 10), 0.2);
  });
});

describe("CosineDecayRestarts", () => {
  /** Keras' test reference: walk the periods one by one. */
  function restarts(step: number, decaySteps: number, tMul = 2.0, mMul = 1.0, alpha = 0.0): number {
    let fac = 1.0;
    while (step >= decaySteps) {
      step -= decaySteps;
      decaySteps *= tMul;
      fac *= mMul;
    }
    return (1.0 - alpha) * (fac * 0.5 * (1.0 + Math.cos(Math.PI * (step / decaySteps)))) + alpha;
  }

  it("test_decay / test_float64 / test_alpha / test_mmul / test_tmul", () => {
    for (let step = 0; step < 1500; step += 250) {
      const make = (options: object) => at(new CosineDecayRestarts(groups(), { initialLearningRate: 1.0, firstDecaySteps: 1000, ...options }), step);
      expectClose(make({}), restarts(step, 1000), 1e-12);
      expectClose(make({ alpha: 0.1 }), restarts(step, 1000, 2, 1, 0.1), 1e-12);
      expectClose(make({ mMul: 0.9 }), restarts(step, 1000, 2, 0.9), 1e-12);
      expectClose(make({ tMul: 1.0 }), restarts(step, 1000, 1), 1e-12);
    }
  });

  it("restarts at 10, 30, 70 with t_mul 2: the top exactly at each restart step, the bottom just before", () => {
    const scheduler = new CosineDecayRestarts(groups(), { initialLearningRate: 0.1, firstDecaySteps: 10 });
    for (const restart of [10, 30, 70]) {
      expect(at(scheduler, restart)).toBe(0.1); // log(1 + f) / log(2) is an exact integer there: floor() does not fall one period back
      expect(at(scheduler, restart - 1)).toBeLessThan(0.003);
    }
  });

  it("m_mul scales only the cosine part: the floor stays at alpha * initial while the peaks shrink", () => {
    const scheduler = new CosineDecayRestarts(groups(), { initialLearningRate: 1.0, firstDecaySteps: 20, tMul: 1.0, mMul: 0.5, alpha: 0.1 });
    expectClose(at(scheduler, 20), 0.9 * 0.5 + 0.1);
    expectClose(at(scheduler, 40), 0.9 * 0.25 + 0.1);
    expectClose(at(scheduler, 30), 0.9 * 0.5 * 0.5 + 0.1);
    expect(at(scheduler, 10_000)).toBeCloseTo(0.1, 12);
  });

  it("periods that add up to first_decay_steps / (1 - t_mul) when t_mul < 1: past them the value is NaN, refused", () => {
    const scheduler = new CosineDecayRestarts(groups(), { initialLearningRate: 1.0, firstDecaySteps: 10, tMul: 0.5 });
    expect(at(scheduler, 19)).toBeGreaterThan(0);
    const error = thrown(() => scheduler.step(25)); // 25 / 10 = 2.5 > 1 / (1 - 0.5): log of a negative number
    expect(error).toBeInstanceOf(StepError);
    expect(scheduler.lastEpoch).toBe(19);
  });

  it("reads t_mul / m_mul (and T_mul) under Keras' names", () => {
    const scheduler = createScheduler(groups(), { type: "CosineDecayRestarts", params: { initial_learning_rate: 1, first_decay_steps: 10, t_mul: 3, m_mul: 0.5 } });
    expect(scheduler.options).toMatchObject({ tMul: 3, mMul: 0.5, alpha: 0, name: "SGDRDecay" });
  });
});
