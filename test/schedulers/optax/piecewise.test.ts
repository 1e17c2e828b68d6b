import { describe, expect, it } from "vitest";
import {
  InvalidOptionError,
  OptaxCosineOnecycleSchedule,
  OptaxLinearOnecycleSchedule,
  OptaxPiecewiseConstantSchedule,
  OptaxPiecewiseInterpolateSchedule,
  cosineOnecycleSchedule,
  createScheduler,
  linearOnecycleSchedule,
  piecewiseConstantSchedule,
  piecewiseInterpolateSchedule,
} from "../../../src/index.js";
import { thrown } from "../../support/optimizer.js";
import { expectClose, groups, run, values } from "./helpers.js";

describe("piecewise_constant_schedule (optax's PiecewiseConstantTest)", () => {
  it("test_positive: the boundary step itself is already scaled", () => {
    const scheduler = piecewiseConstantSchedule(groups(), { initValue: 0.1, boundariesAndScales: { 3: 2, 6: 0.5 } });
    expect(scheduler).toBeInstanceOf(OptaxPiecewiseConstantSchedule);
    expect(run(scheduler, 9)).toEqual([0.1, 0.1, 0.1, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1]);
  });

  it("test_negative: a negative init_value", () => {
    expect(values("piecewise_constant_schedule", { init_value: -0.1, boundaries_and_scales: { "3": 2.0, "6": 0.5 } }, 9)).toEqual([-0.1, -0.1, -0.1, -0.2, -0.2, -0.2, -0.1, -0.1, -0.1, -0.1]);
  });

  it("sorts the JSON keys numerically (not as strings); boundaries <= 0 apply from count 0", () => {
    const lrs = values("piecewise_constant_schedule", { init_value: 1, boundaries_and_scales: { "10": 0.5, "-10": 0.1, "2": 3, "0": 2 } }, 11);
    expect(lrs).toEqual([0.2, 0.2, 0.2 * 3, 0.2 * 3, 0.2 * 3, 0.2 * 3, 0.2 * 3, 0.2 * 3, 0.2 * 3, 0.2 * 3, 0.2 * 3 * 0.5, 0.2 * 3 * 0.5]);
  });

  it("a scale of 0 is allowed; null, {} or no dict is a constant", () => {
    expect(values("piecewise_constant_schedule", { init_value: 1, boundaries_and_scales: { "2": 0 } }, 3)).toEqual([1, 1, 0, 0]);
    for (const boundariesAndScales of [null, {}, undefined]) {
      expect(values("piecewise_constant_schedule", { init_value: 0.3, boundaries_and_scales: boundariesAndScales }, 2)).toEqual([0.3, 0.3, 0.3]);
    }
  });

  it("refuses a negative scale at construction, naming its key (optax raises ValueError)", () => {
    const error = thrown(() => createScheduler(groups(), { type: "piecewise_constant_schedule", params: { init_value: 0.1, boundaries_and_scales: { "10": 0.5, "20": -0.1 } } })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("boundaries_and_scales[20]");
  });

  it("refuses keys that are not numbers, or two keys for one number", () => {
    for (const dict of [{ ten: 0.5 }, { "": 0.5 }, { "10": 0.5, "1e1": 0.1 }, { "10": "0.5" }, [[10, 0.5]], new Map([[10, 0.5]])]) {
      const error = thrown(() => new OptaxPiecewiseConstantSchedule(groups(), { initValue: 1, boundariesAndScales: dict as never })) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe("boundariesAndScales");
    }
  });
});

describe("piecewise_interpolate_schedule (optax's PiecewiseInterpolateTest)", () => {
  it("test_linear_piecewise", () => {
    const scheduler = piecewiseInterpolateSchedule(groups(), { interpolateType: "linear", initValue: 200, boundariesAndScales: { 5: 1.5, 10: 0.25 } });
    expect(scheduler).toBeInstanceOf(OptaxPiecewiseInterpolateSchedule);
    expectClose(run(scheduler, 12), [200, 220, 240, 260, 280, 300, 255, 210, 165, 120, 75, 75, 75], 1e-12);
  });

  it("test_cos_piecewise: keys given out of order", () => {
    const lrs = values("piecewise_interpolate_schedule", { interpolate_type: "cosine", init_value: 400, boundaries_and_scales: { 5: 1.2, 3: 0.6, 7: 1.0 } }, 8);
    expectClose(lrs, [400, 360, 280, 240, 264, 288, 288, 288, 288], 1e-12);
  });

  it("test_empty_dict and test_no_dict: a constant", () => {
    expect(values("piecewise_interpolate_schedule", { interpolate_type: "linear", init_value: 13, boundaries_and_scales: {} }, 4)).toEqual([13, 13, 13, 13, 13]);
    expect(values("piecewise_interpolate_schedule", { interpolate_type: "cosine", init_value: 17 }, 2)).toEqual([17, 17, 17]);
  });

  it("test_invalid_type and test_invalid_scale: refused at construction", () => {
    for (const interpolateType of ["linar", "", null, "exponential"]) {
      const error = thrown(() => new OptaxPiecewiseInterpolateSchedule(groups(), { interpolateType: interpolateType as never, initValue: 13, boundariesAndScales: { 5: 3 } })) as InvalidOptionError;
      expect(error.option).toBe("interpolateType");
    }
    const error = thrown(() => new OptaxPiecewiseInterpolateSchedule(groups(), { interpolateType: "linear", initValue: 13, boundariesAndScales: { 5: -3 } })) as InvalidOptionError;
    expect(error.option).toBe("boundariesAndScales[5]");
  });

  it("test_zero_interval_size: a boundary at 0 makes the first segment empty (count 0 starts from init * scale)", () => {
    const lrs = values("piecewise_interpolate_schedule", { interpolate_type: "linear", init_value: 13, boundaries_and_scales: { 0: 2, 5: 3 } }, 6);
    expect(lrs.every(Number.isFinite)).toBe(true);
    expect(lrs[0]).toBe(26);
    expect(lrs[5]).toBe(78);
  });

  it("a negative boundary: the segment [b, next) is entered part-way (pct counts from b)", () => {
    const lrs = values("piecewise_interpolate_schedule", { interpolate_type: "linear", init_value: 10, boundaries_and_scales: { "-10": 0.5, "10": 2 } }, 11);
    // values 10, 5, 10; the segment [-10, 10) runs from 5 to 10, so count 0 is halfway.
    expect(lrs).toEqual([7.5, 7.75, 8, 8.25, 8.5, 8.75, 9, 9.25, 9.5, 9.75, 10, 10]);
  });

  it("accumulated values that overflow are refused at construction (optax's dot product is NaN at every count)", () => {
    const error = thrown(() => new OptaxPiecewiseInterpolateSchedule(groups(), { interpolateType: "linear", initValue: 1e300, boundariesAndScales: { 50: 1e10 } }));
    expect(error).toBeInstanceOf(InvalidOptionError);
  });
});

describe("linear_onecycle_schedule and cosine_onecycle_schedule (optax's OneCycleTest)", () => {
  it("test_linear", () => {
    const scheduler = linearOnecycleSchedule(groups(), { transitionSteps: 10, peakValue: 1000, pctStart: 0.3, pctFinal: 0.7, divFactor: 10, finalDivFactor: 100 });
    expect(scheduler).toBeInstanceOf(OptaxLinearOnecycleSchedule);
    expectClose(run(scheduler, 11), [100, 400, 700, 1000, 775, 550, 325, 100, 67, 34, 1, 1], 1e-12);
  });

  it("test_cosine", () => {
    const scheduler = cosineOnecycleSchedule(groups(), { transitionSteps: 5, peakValue: 1000, pctStart: 0.4, divFactor: 10, finalDivFactor: 100 });
    expect(scheduler).toBeInstanceOf(OptaxCosineOnecycleSchedule);
    expectClose(run(scheduler, 6), [100, 550, 1000, 750.25, 250.75, 1, 1], 1e-12);
  });

  it("test_nonpositive_transition_steps: refused at construction", () => {
    for (const type of ["linear_onecycle_schedule", "cosine_onecycle_schedule"]) {
      const error = thrown(() => createScheduler(groups(), { type, params: { transition_steps: 0, peak_value: 5 } })) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe("transition_steps");
    }
  });

  it("int() truncates the double product: int(0.29 * 100) is 28, so the peak is at count 28", () => {
    const lrs = values("linear_onecycle_schedule", { transition_steps: 100, peak_value: 1, pct_start: 0.29 }, 30);
    expect(lrs[28]).toBe(1);
    expect(lrs[29]).toBeLessThan(1);
    expect(lrs[27]).toBeLessThan(1);
  });

  it("colliding keys keep the last entry: pct_final = 1.0 lands on T, whose 1 / final_div_factor wins", () => {
    // { 3: 10, 10: 1/10 then 1/100 }: up to 1000 at count 3, then straight down to 10 at count 10.
    const lrs = values("linear_onecycle_schedule", { transition_steps: 10, peak_value: 1000, pct_final: 1.0, div_factor: 10, final_div_factor: 100 }, 11);
    expectClose(lrs, [100, 400, 700, 1000, 1000 - 990 / 7, 1000 - (2 * 990) / 7, 1000 - (3 * 990) / 7, 1000 - (4 * 990) / 7, 1000 - (5 * 990) / 7, 1000 - (6 * 990) / 7, 10, 10], 1e-9);
  });

  it("cosine: pct_start = 1 makes the keys coincide and the peak is never reached; pct_start = 0 starts at the peak", () => {
    const never = values("cosine_onecycle_schedule", { transition_steps: 10, peak_value: 1000, pct_start: 1.0, div_factor: 10, final_div_factor: 100 }, 11);
    expect(Math.max(...never)).toBe(100);
    expect(never[10]).toBeCloseTo(0.1, 12);
    const peak = values("cosine_onecycle_schedule", { transition_steps: 10, peak_value: 1000, pct_start: 0, div_factor: 10, final_div_factor: 100 }, 11);
    expect(peak[0]).toBe(1000);
    expect(peak[10]).toBeCloseTo(1, 12);
  });

  it("refuses what Python cannot evaluate: a zero div_factor or final_div_factor, a negative scale", () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ["linear_onecycle_schedule", { div_factor: 0 }, "div_factor"],
      ["linear_onecycle_schedule", { final_div_factor: 0 }, "final_div_factor"],
      ["linear_onecycle_schedule", { div_factor: -5 }, "div_factor"],
      ["linear_onecycle_schedule", { final_div_factor: -5 }, "final_div_factor"],
      ["cosine_onecycle_schedule", { div_factor: 0 }, "div_factor"],
      ["cosine_onecycle_schedule", { final_div_factor: 0 }, "final_div_factor"],
      ["cosine_onecycle_schedule", { pct_start: 1e308, transition_steps: 1e10 }, "pct_start"],
    ];
    for (const [type, params, option] of cases) {
      const error = thrown(() => createScheduler(groups(), { type, params: { transition_steps: 100, peak_value: 0.1, ...params } })) as InvalidOptionError;
      expect(error, `${type} ${JSON.stringify(params)}`).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
    }
  });

  it("a negative scale overwritten by a colliding key is never checked, as in optax", () => {
    // { 10: -5, 10: -1/5, 10: 1e-4 } is { 10: 1e-4 }: linearly from peak_value / div_factor = -0.02 to -2e-6 at count 10.
    const lrs = values("linear_onecycle_schedule", { transition_steps: 10, peak_value: 0.1, pct_start: 1, pct_final: 1, div_factor: -5 }, 10);
    expect(lrs[0]).toBe(-0.02);
    expect(lrs[10]).toBeCloseTo(-2e-6, 18);
  });
});
