import { describe, expect, it } from "vitest";
import {
  InvalidOptionError,
  OptaxCosineDecaySchedule,
  OptaxSgdrSchedule,
  OptaxWarmupCosineDecaySchedule,
  cosineDecaySchedule,
  createScheduler,
  sgdrSchedule,
  warmupCosineDecaySchedule,
  type SchedulerConfig,
} from "../../../src/index.js";
import { thrown } from "../../support/optimizer.js";
import { expectClose, groups, range, run, values, warningsOf } from "./helpers.js";

const cosineFactor = (x: number) => 0.5 + 0.5 * Math.cos(Math.PI * x);
const relClose = (actual: number, expected: number, rtol: number, atol = 0) => expect(Math.abs(actual - expected)).toBeLessThanOrEqual(atol + rtol * Math.abs(expected));

describe("cosine_decay_schedule (optax's CosineDecayTest)", () => {
  it("test_decay_count_smaller_count", () => {
    const scheduler = cosineDecaySchedule(groups(), { initValue: 0.1, decaySteps: 10 });
    expect(scheduler).toBeInstanceOf(OptaxCosineDecaySchedule);
    expectClose(run(scheduler, 9), range(10).map((k) => 0.1 * cosineFactor(k / 10)), 1e-16);
  });

  it("test_decay_count_greater_count: held at the bottom after decay_steps", () => {
    const expected = [0, 0.2, 0.4, 0.6, 0.8, 1, 1, 1, 1, 1, 1, 1].map((x) => 0.1 * cosineFactor(x));
    expectClose(values("cosine_decay_schedule", { init_value: 0.1, decay_steps: 5, alpha: 0 }, 11), expected, 1e-16);
  });

  it("test_decay_count_greater_count_with_alpha: held at alpha * init_value", () => {
    const expected = [0, 0.2, 0.4, 0.6, 0.8, 1, 1, 1, 1, 1, 1, 1].map((x) => 0.1 * (0.9 * cosineFactor(x) + 0.1));
    const lrs = values("cosine_decay_schedule", { init_value: 0.1, decay_steps: 5, alpha: 0.1 }, 11);
    expectClose(lrs, expected, 1e-16);
    expect(lrs[11]).toBe(0.1 * 0.1);
  });

  it("test_with_exponent: the exponent applies to the cosine factor before the alpha mix", () => {
    const scheduler = cosineDecaySchedule(groups(), { initValue: 0.1, decaySteps: 100, alpha: 0, exponent: 2 });
    const expected = [0.1, 0.09516553580760956, 0.025, 0.0021446612663567066, 0.0];
    [0, 10, 50, 75, 100].forEach((t, k) => relClose(scheduler.scheduleAt(0, t), expected[k]!, 1e-6, 1e-8));
    const mixed = cosineDecaySchedule(groups(), { initValue: 1, decaySteps: 50, alpha: 0.1, exponent: 2 });
    expect(mixed.scheduleAt(0, 25)).toBeCloseTo(0.9 * 0.5 ** 2 + 0.1, 15);
  });

  it("test_with_giant_int_steps: decay_steps beyond int32", () => {
    const scheduler = cosineDecaySchedule(groups(), { initValue: 1000, decaySteps: 1e10 });
    scheduler.step(1e9);
    relClose(scheduler.optimizer.paramGroups[0]!.lr, 975.52826, 1e-7);
  });

  it("exponent < 1 amplifies the last ulp of cos(pi) at the end: V8's Math.cos(Math.PI) is -1, as glibc's, so the end is exactly alpha * init_value", () => {
    expect(Math.cos(Math.PI)).toBe(-1);
    const scheduler = cosineDecaySchedule(groups(), { initValue: 0.1, decaySteps: 7, alpha: 0.2, exponent: 0.5 });
    expect(scheduler.scheduleAt(0, 7)).toBe(0.1 * 0.2);
    expect(scheduler.scheduleAt(0, 6)).toBeCloseTo(0.1 * (0.8 * Math.sqrt(0.5 * (1 + Math.cos((Math.PI * 6) / 7))) + 0.2), 16);
  });

  it("fractional decay_steps work", () => {
    const lrs = values("cosine_decay_schedule", { init_value: 1, decay_steps: 2.5 }, 4);
    expectClose(lrs, [1, cosineFactor(1 / 2.5), cosineFactor(2 / 2.5), 0, 0], 1e-16);
  });

  it("refuses decay_steps <= 0 at construction (optax raises ValueError)", () => {
    for (const decaySteps of [0, -3]) {
      const error = thrown(() => createScheduler(groups(), { type: "cosine_decay_schedule", params: { init_value: 0.1, decay_steps: decaySteps } })) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe("decay_steps");
    }
  });
});

describe("warmup_cosine_decay_schedule (optax's WarmupCosineDecayTest)", () => {
  for (const [name, initValue, peakValue, endValue] of [["with end value", 10, 0.5, 1e-4], ["without end value", 5, 3, 0]] as const) {
    it(`test_limits ${name}`, () => {
      const scheduler = warmupCosineDecaySchedule(groups(), { initValue, peakValue, warmupSteps: 100, decaySteps: 1000, endValue });
      expect(scheduler).toBeInstanceOf(OptaxWarmupCosineDecaySchedule);
      expect(scheduler.scheduleAt(0, 0)).toBe(initValue);
      expect(scheduler.scheduleAt(0, 100)).toBe(peakValue);
      relClose(scheduler.scheduleAt(0, 1000), endValue, 1e-3, 1e-17);
    });
  }

  it("test_with_exponent", () => {
    const scheduler = warmupCosineDecaySchedule(groups(), { initValue: 0.2, peakValue: 1.21, endValue: -3, warmupSteps: 50, decaySteps: 100, exponent: 2 });
    const expected = [0.20000004768371582, 0.4020000100135803, 1.2100000381469727, -1.947500228881836, -3.000000238418579];
    [0, 10, 50, 75, 100].forEach((t, k) => relClose(scheduler.scheduleAt(0, t), expected[k]!, 1e-6, 1e-8));
  });

  it("test_zero_peak_value: 0 after the warmup whatever end_value is", () => {
    const scheduler = warmupCosineDecaySchedule(groups(), { initValue: 0.2, peakValue: 0, endValue: -3, warmupSteps: 50, decaySteps: 100, exponent: 2 });
    expectClose([0, 10, 50, 75, 100, 200].map((t) => scheduler.scheduleAt(0, t)), [0.2, 0.16, 0, 0, 0, 0], 1e-16);
  });

  it("test_monotonicity_and_exponent_ordering", () => {
    const make = (exponent: number) => values("warmup_cosine_decay_schedule", { init_value: 0, peak_value: 1, warmup_steps: 5, decay_steps: 25, end_value: 0.1, exponent }, 25);
    const regular = make(1);
    const steep = make(2);
    for (let t = 0; t < 5; t++) expect(regular[t]!).toBeLessThan(regular[t + 1]!);
    expect(regular[5]).toBe(1);
    for (let t = 5; t < 25; t++) expect(regular[t]!).toBeGreaterThanOrEqual(regular[t + 1]!);
    expect(regular[25]).toBeCloseTo(0.1, 15);
    for (let t = 5; t <= 25; t++) expect(steep[t]!).toBeLessThanOrEqual(regular[t]! + 1e-12);
  });

  it("test_raises_when_decay_equals_warmup: refused at construction, naming decay_steps", () => {
    const error = thrown(() => createScheduler(groups(), { type: "warmup_cosine_decay_schedule", params: { init_value: 0.2, peak_value: 1.2, warmup_steps: 10, decay_steps: 10, end_value: 0 } })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("decay_steps");
  });

  it("decay_steps includes the warmup; after it the value holds at peak_value * alpha", () => {
    const lrs = values("warmup_cosine_decay_schedule", { init_value: 0, peak_value: 0.1, warmup_steps: 4, decay_steps: 8, end_value: 0.01 }, 12);
    expectClose(lrs.slice(0, 5), [0, 0.025, 0.05, 0.075, 0.1], 1e-16);
    expect(lrs[6]).toBeCloseTo(0.1 * (0.9 * 0.5 + 0.1), 16); // halfway through the 4-count cosine
    expect(lrs.slice(8)).toEqual([0.1 * (0.01 / 0.1), 0.1 * (0.01 / 0.1), 0.1 * (0.01 / 0.1), 0.1 * (0.01 / 0.1), 0.1 * (0.01 / 0.1)]);
  });

  it("warmup_steps = 0 starts at peak_value (the linear warmup is a logged constant that never runs)", () => {
    let lrs: number[] = [];
    const warnings = warningsOf(() => (lrs = values("warmup_cosine_decay_schedule", { init_value: 0.01, peak_value: 0.1, warmup_steps: 0, decay_steps: 10 }, 10)));
    expect(lrs[0]).toBe(0.1);
    expect(lrs[10]).toBe(0);
    expect(warnings).toEqual(["warmup_cosine_decay_schedule:non-positive-transition-steps"]);
  });
});

describe("sgdr_schedule (optax's SGDRTest)", () => {
  for (const [name, lr0, lr1, lr2] of [["with step decay", 1.6, 0.8, 0.4], ["without step decay", 1.6, 1.6, 1.6]] as const) {
    it(`test_limits ${name}`, () => {
      const cosineKwargs = [2e3, 3e3, 5e3].map((decaySteps, k) => ({ decaySteps, peakValue: [lr0, lr1, lr2][k]!, initValue: 0, endValue: 0, warmupSteps: 500 }));
      const scheduler = sgdrSchedule(groups(), { cosineKwargs });
      expect(scheduler).toBeInstanceOf(OptaxSgdrSchedule);
      expect(scheduler.scheduleAt(0, 500)).toBe(lr0);
      expect(scheduler.scheduleAt(0, 2500)).toBe(lr1);
      expect(scheduler.scheduleAt(0, 5500)).toBe(lr2);
    });
  }

  it("each cycle restarts its own count at the running sum of the decay_steps", () => {
    const cycle = { init_value: 0, peak_value: 1, warmup_steps: 2, decay_steps: 6 };
    const sgdr = values("sgdr_schedule", { cosine_kwargs: [cycle, { ...cycle, peak_value: 0.5 }] }, 14);
    const one = values("warmup_cosine_decay_schedule", cycle, 8);
    expect(sgdr.slice(0, 6)).toEqual(one.slice(0, 6));
    expect(sgdr.slice(6, 12)).toEqual(one.slice(0, 6).map((v) => v * 0.5));
    expect(sgdr.slice(12)).toEqual([0, 0, 0]); // the last cycle's end value holds
  });

  it("takes camelCase and snake_case keywords in each cycle", () => {
    const snake = values("sgdr_schedule", { cosine_kwargs: [{ init_value: 0, peak_value: 1, warmup_steps: 2, decay_steps: 6 }] }, 8);
    const camel = values("sgdr_schedule", { cosineKwargs: [{ initValue: 0, peakValue: 1, warmupSteps: 2, decaySteps: 6 }] }, 8);
    expect(camel).toEqual(snake);
  });

  it("a bad cycle is refused at construction, naming the cycle and the key as spelled", () => {
    const cases: [unknown, string][] = [
      [{ init_value: 0, peak_value: 1, warmup_steps: 6, decay_steps: 6 }, "cosine_kwargs[1].decay_steps"],
      [{ initValue: 0, peakValue: 1, warmupSteps: 6, decaySteps: 2 }, "cosine_kwargs[1].decaySteps"],
      [{ init_value: 0, peak_value: 1, warmup_steps: 2 }, "cosine_kwargs[1].decay_steps"],
      [{ init_value: 0, peak_value: 1, warmup_steps: 2, decay_steps: 6, alpha: 0.1 }, "cosine_kwargs[1].alpha"],
      [{ init_value: "0", peak_value: 1, warmup_steps: 2, decay_steps: 6 }, "cosine_kwargs[1].init_value"],
    ];
    for (const [bad, option] of cases) {
      const good = { init_value: 0, peak_value: 1, warmup_steps: 2, decay_steps: 6 };
      const error = thrown(() => createScheduler(groups(), { type: "sgdr_schedule", params: { cosine_kwargs: [good, bad] } } as SchedulerConfig)) as InvalidOptionError;
      expect(error, JSON.stringify(bad)).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
    }
  });

  it("an empty list is refused: optax raises IndexError at the first evaluation, count 0, which construction performs", () => {
    const error = thrown(() => createScheduler(groups(), { type: "sgdr_schedule", params: { cosine_kwargs: [] } })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("cosine_kwargs");
  });
});
