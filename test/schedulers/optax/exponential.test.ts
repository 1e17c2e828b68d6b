import { describe, expect, it } from "vitest";
import { OptaxExponentialDecay, OptaxWarmupExponentialDecaySchedule, exponentialDecay, warmupExponentialDecaySchedule } from "../../../src/index.js";
import { expectClose, groups, range, run, values, warningsOf } from "./helpers.js";

describe("exponential_decay (optax's ExponentialTest)", () => {
  for (const staircase of [false, true]) {
    it(`test_constant_schedule: decay_rate 1 is constant (staircase ${staircase})`, () => {
      expect(values("exponential_decay", { init_value: 1, transition_steps: 15, decay_rate: 1, staircase }, 14)).toEqual(range(15).map(() => 1));
    });

    it(`test_nonvalid_transition_steps: transition_steps <= 0 is a constant init_value, logged (staircase ${staircase})`, () => {
      for (const transitionSteps of [-1, 0]) {
        let lrs: number[] = [];
        const warnings = warningsOf(() => (lrs = values("exponential_decay", { init_value: 1, transition_steps: transitionSteps, decay_rate: 1, staircase }, 14)));
        expect(lrs).toEqual(range(15).map(() => 1));
        expect(warnings).toEqual(["exponential_decay:non-positive-transition-steps"]);
      }
    });

    it(`test_nonvalid_decay_rate: decay_rate 0 is a constant init_value, logged, end_value ignored (staircase ${staircase})`, () => {
      let lrs: number[] = [];
      const warnings = warningsOf(() => (lrs = values("exponential_decay", { init_value: 1, transition_steps: 2, decay_rate: 0, staircase, end_value: 5 }, 14)));
      expect(lrs).toEqual(range(15).map(() => 1));
      expect(warnings).toEqual(["exponential_decay:zero-decay-rate"]);
    });

    for (const transitionBegin of [0, 5]) {
      it(`test_exponential: growth by 2 every 2 counts (staircase ${staircase}, transition_begin ${transitionBegin})`, () => {
        const p = (count: number) => (staircase ? Math.floor(count / 2) : count / 2);
        const expected = [...range(transitionBegin).map(() => 1), ...range(15).map((count) => 2 ** p(count))];
        expectClose(values("exponential_decay", { init_value: 1, transition_steps: 2, decay_rate: 2, transition_begin: transitionBegin, staircase }, 14 + transitionBegin), expected);
      });
    }

    for (const [decayRate, endValue] of [[0.2, 0.1], [1.0, 0.1], [2.0, 3.0]] as const) {
      it(`test_end_value_with_staircase: decay_rate ${decayRate}, end_value ${endValue} (staircase ${staircase})`, () => {
        const p = (count: number) => (staircase ? Math.floor(count / 2) : count / 2);
        const decayed = [1, 1, 1, ...range(11).map((count) => decayRate ** p(count))];
        const clip = decayRate < 1 ? Math.max : Math.min;
        const lrs = values("exponential_decay", { init_value: 1, transition_steps: 2, decay_rate: decayRate, transition_begin: 3, staircase, end_value: endValue }, 13);
        expectClose(lrs, decayed.map((v) => clip(v, endValue)));
      });
    }
  }

  it("test_immutable_count: 32 halving every count", () => {
    expect(values("exponential_decay", { init_value: 32, transition_steps: 1, decay_rate: 0.5 }, 4)).toEqual([32, 16, 8, 4, 2]);
  });

  it("clips at every count, before transition_begin too: an end_value on the wrong side replaces the whole schedule", () => {
    // decay_rate < 1: end_value is a lower bound, so 2 > init_value holds from count 0.
    expect(values("exponential_decay", { init_value: 1, transition_steps: 2, decay_rate: 0.5, transition_begin: 3, end_value: 2 }, 8)).toEqual(range(9).map(() => 2));
    // decay_rate > 1: an upper bound below init_value caps count 0 already.
    expect(values("exponential_decay", { init_value: 1, transition_steps: 2, decay_rate: 3, transition_begin: 5, end_value: 0.25 }, 8)).toEqual(range(9).map(() => 0.25));
  });

  it("decay_rate == 1 counts as 'not below 1': end_value is an upper bound", () => {
    expect(values("exponential_decay", { init_value: 1, transition_steps: 2, decay_rate: 1, end_value: 0.5 }, 4)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(values("exponential_decay", { init_value: 1, transition_steps: 2, decay_rate: 1, end_value: 2 }, 4)).toEqual([1, 1, 1, 1, 1]);
  });

  it("decay_rate > 1 grows up to end_value, then holds", () => {
    const scheduler = exponentialDecay(groups(), { initValue: 0.001, transitionSteps: 10, decayRate: 2, endValue: 0.05 });
    expect(scheduler).toBeInstanceOf(OptaxExponentialDecay);
    const lrs = run(scheduler, 80);
    expect(lrs[10]).toBe(0.002);
    expect(lrs[50]).toBe(0.032);
    expect(lrs[57]).toBe(0.05);
    expect(lrs[80]).toBe(0.05);
  });

  it("a negative transition_begin becomes 0, logged", () => {
    let lrs: number[] = [];
    const warnings = warningsOf(() => (lrs = values("exponential_decay", { init_value: 1, transition_steps: 1, decay_rate: 0.5, transition_begin: -4 }, 3)));
    expect(lrs).toEqual([1, 0.5, 0.25, 0.125]);
    expect(warnings).toEqual(["exponential_decay:negative-transition-begin"]);
  });

  it("end_value null is no bound (optax's None)", () => {
    expect(values("exponential_decay", { init_value: 1, transition_steps: 1, decay_rate: 0.5, end_value: null }, 3)).toEqual([1, 0.5, 0.25, 0.125]);
  });
});

describe("warmup_exponential_decay_schedule", () => {
  it("joins a linear warmup with exponential_decay(peak_value, ...), which sees count - warmup_steps", () => {
    const scheduler = warmupExponentialDecaySchedule(groups(), { initValue: 0, peakValue: 0.1, warmupSteps: 4, transitionSteps: 2, decayRate: 0.5, transitionBegin: 2, staircase: true, endValue: 0.02 });
    expect(scheduler).toBeInstanceOf(OptaxWarmupExponentialDecaySchedule);
    expectClose(run(scheduler, 14), [0, 0.025, 0.05, 0.075, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02, 0.02], 1e-16);
  });

  it("the end_value bound applies only once the warmup is over", () => {
    // The warmup is the linear schedule alone: its 0 at count 0 is not clipped up to end_value.
    expect(values("warmup_exponential_decay_schedule", { init_value: 0, peak_value: 1, warmup_steps: 2, transition_steps: 1, decay_rate: 0.5, end_value: 0.3 }, 5)).toEqual([0, 0.5, 1, 0.5, 0.3, 0.3]);
  });

  it("logs the warmup's and the decay's settings, in optax's order", () => {
    const warnings = warningsOf(() => values("warmup_exponential_decay_schedule", { init_value: 0, peak_value: 1, warmup_steps: 0, transition_steps: 0, decay_rate: 0.5 }, 1));
    expect(warnings).toEqual(["warmup_exponential_decay_schedule:non-positive-transition-steps", "warmup_exponential_decay_schedule:non-positive-transition-steps"]);
  });
});
