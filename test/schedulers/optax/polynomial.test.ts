import { describe, expect, it } from "vitest";
import {
  InvalidOptionError,
  OptaxConstantSchedule,
  OptaxLinearSchedule,
  OptaxPolynomialSchedule,
  OptaxWarmupConstantSchedule,
  StepError,
  constantSchedule,
  createScheduler,
  linearSchedule,
  polynomialSchedule,
  warmupConstantSchedule,
  type SchedulerConfig,
} from "../../../src/index.js";
import { thrown } from "../../support/optimizer.js";
import { expectClose, groups, range, run, values, warningsOf } from "./helpers.js";

describe("constant_schedule", () => {
  it("gives every group the value, whatever its own lr (optax's ConstantTest)", () => {
    const optimizer = groups();
    const scheduler = constantSchedule(optimizer, { value: 10 });
    expect(scheduler).toBeInstanceOf(OptaxConstantSchedule);
    expect(run(scheduler, 14)).toEqual(range(15).map(() => 10));
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([10, 10]);
    expect(scheduler.baseLrs).toEqual([10, 10]);
  });

  it("needs no lr in the groups", () => {
    const optimizer = { paramGroups: [{}, { weightDecay: 0.1 }] } as never;
    const scheduler = new OptaxConstantSchedule(optimizer, { value: 3e-4 });
    scheduler.step();
    expect((optimizer as { paramGroups: { lr: number }[] }).paramGroups.map((g) => g.lr)).toEqual([3e-4, 3e-4]);
  });

  it("counts steps as optax counts updates: count k after the k-th step(), step(k) sets the count", () => {
    const scheduler = linearSchedule(groups(), { initValue: 0, endValue: 1, transitionSteps: 10 });
    expect(scheduler.lastEpoch).toBe(0);
    scheduler.step();
    expect(scheduler.lastEpoch).toBe(1);
    scheduler.step(7);
    expect(scheduler.lastEpoch).toBe(7);
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBeCloseTo(0.7, 15);
    expect(() => scheduler.step(2.5)).toThrow(/integer/);
  });
});

describe("polynomial_schedule (optax's PolynomialTest)", () => {
  it("test_linear: 10 to 20 over 10 counts, then 20", () => {
    const scheduler = polynomialSchedule(groups(), { initValue: 10, endValue: 20, power: 1, transitionSteps: 10 });
    expectClose(run(scheduler, 14), [...range(10).map((n) => 10 + n), 20, 20, 20, 20, 20]);
  });

  it("test_zero_steps_schedule: transition_steps <= 0 is a constant init_value, logged", () => {
    for (const transitionSteps of [-1, 0]) {
      let lrs: number[] = [];
      const warnings = warningsOf(() => (lrs = values("polynomial_schedule", { init_value: 10, end_value: 20, power: 1, transition_steps: transitionSteps }, 14)));
      expect(lrs).toEqual(range(15).map(() => 10));
      expect(warnings).toEqual(["polynomial_schedule:non-positive-transition-steps"]);
    }
  });

  it("test_nonlinear: power 2", () => {
    const lrs = values("polynomial_schedule", { init_value: 25, end_value: 10, power: 2, transition_steps: 10 }, 14);
    expectClose(lrs, [...range(10).map((n) => 10 + 15 * (1 - n / 10) ** 2), 10, 10, 10, 10, 10]);
  });

  it("test_with_decay_begin: held at init_value up to transition_begin", () => {
    const lrs = values("polynomial_schedule", { init_value: 30, end_value: 10, power: 2, transition_steps: 10, transition_begin: 4 }, 19);
    expectClose(lrs, [30, 30, 30, 30, ...range(10).map((n) => 10 + 20 * (1 - n / 10) ** 2), 10, 10, 10, 10, 10, 10]);
  });

  it("optax's docstring: counts 0, 5, 6, 104, 105, 110 with transition_begin 5", () => {
    const scheduler = polynomialSchedule(groups(), { initValue: 1, endValue: 0.01, transitionSteps: 100, transitionBegin: 5, power: 2 });
    expect([0, 5, 6, 104, 105, 110].map((t) => scheduler.scheduleAt(0, t).toFixed(4))).toEqual(["1.0000", "1.0000", "0.9803", "0.0101", "0.0100", "0.0100"]);
  });

  it("a negative transition_begin falls back to 0, logged", () => {
    let lrs: number[] = [];
    const warnings = warningsOf(() => (lrs = values("polynomial_schedule", { init_value: 1, end_value: 0, power: 1, transition_steps: 4, transition_begin: -3 }, 5)));
    expect(lrs).toEqual([1, 0.75, 0.5, 0.25, 0, 0]);
    expect(warnings).toEqual(["polynomial_schedule:negative-transition-begin"]);
  });

  it("power 0 gives (init - end) + end everywhere (0 ** 0 is 1)", () => {
    expect(values("polynomial_schedule", { init_value: 0.3, end_value: 0.1, power: 0, transition_steps: 3 }, 5)).toEqual(range(6).map(() => 0.3 - 0.1 + 0.1));
  });

  it("refuses a power that sends the value to infinity at the end of the transition (optax would write inf)", () => {
    const scheduler = polynomialSchedule(groups(), { initValue: 1, endValue: 0, power: -1, transitionSteps: 2 });
    scheduler.step();
    const error = thrown(() => scheduler.step()) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(error.code).toBe("non-finite-value");
    expect(scheduler.lastEpoch).toBe(1);
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBe(2); // the value at count 1 stays
  });

  it("names a missing or invalid option as the caller spelled it", () => {
    const missing = thrown(() => createScheduler(groups(), { type: "polynomial_schedule", params: { init_value: 1, end_value: 0, power: 1 } } as SchedulerConfig)) as InvalidOptionError;
    expect(missing).toBeInstanceOf(InvalidOptionError);
    expect(missing.option).toBe("transition_steps");
    const invalid = thrown(() => new OptaxPolynomialSchedule(groups(), { initValue: 1, endValue: NaN, power: 1, transitionSteps: 3 })) as InvalidOptionError;
    expect(invalid.option).toBe("endValue");
  });
});

describe("linear_schedule and warmup_constant_schedule", () => {
  it("linear_schedule is polynomial_schedule with power 1", () => {
    const linear = values("linear_schedule", { init_value: 0, end_value: 0.1, transition_steps: 30, transition_begin: 2 }, 40);
    const polynomial = values("polynomial_schedule", { init_value: 0, end_value: 0.1, power: 1, transition_steps: 30, transition_begin: 2 }, 40);
    expect(linear).toEqual(polynomial);
    expect(new OptaxLinearSchedule(groups(), { initValue: 0, endValue: 1, transitionSteps: 4 }).scheduleAt(0, 2)).toBe(0.5);
  });

  it("warmup_constant_schedule is linear_schedule(init_value, peak_value, warmup_steps)", () => {
    const scheduler = warmupConstantSchedule(groups(), { initValue: 0, peakValue: 0.1, warmupSteps: 10 });
    expect(scheduler).toBeInstanceOf(OptaxWarmupConstantSchedule);
    expect(run(scheduler, 20)).toEqual(values("linear_schedule", { init_value: 0, end_value: 0.1, transition_steps: 10 }, 20));
  });

  it("warmup_steps = 0 is a constant init_value: the peak is never reached (logged)", () => {
    let lrs: number[] = [];
    const warnings = warningsOf(() => (lrs = values("warmup_constant_schedule", { init_value: 0.01, peak_value: 0.1, warmup_steps: 0 }, 5)));
    expect(lrs).toEqual([0.01, 0.01, 0.01, 0.01, 0.01, 0.01]);
    expect(warnings).toEqual(["warmup_constant_schedule:non-positive-transition-steps"]);
  });
});
