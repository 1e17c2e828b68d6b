import { describe, expect, it } from "vitest";
import { bisectRight, floorDivide, floorLog } from "../../../src/schedulers/timm/python.js";
import { correctlyRoundedLog } from "../../../src/schedulers/shared/correctly-rounded-log.js";

describe("Python arithmetic timm relies on", () => {
  it("floorDivide is Python's // (values from CPython 3.11)", () => {
    const cases: [number, number, number][] = [
      [7, 2, 3],
      [-7, 2, -4],
      [7, -2, -4],
      [1, 0.1, 9],
      [-1, 0.1, -10],
      [37, 12.5, 2],
      [25, 12.5, 2],
      [0.3, 0.1, 2],
      [2 ** 53 - 1, 3, 3002399751580330],
    ];
    for (const [a, b, want] of cases) expect(floorDivide(a, b), `${a} // ${b}`).toBe(want);
  });

  it("bisectRight is bisect.bisect_right, on unsorted lists too", () => {
    expect(bisectRight([10, 20, 30], 10)).toBe(1);
    expect(bisectRight([10, 20, 30], 9)).toBe(0);
    expect(bisectRight([5, 5], 5)).toBe(2);
    expect(bisectRight([20, 10], 15)).toBe(2);
    expect(bisectRight([], 3)).toBe(0);
  });

  it("floorLog is math.floor(math.log(x, base)) as CPython computes it", () => {
    const ln3 = correctlyRoundedLog(3);
    const ln10 = correctlyRoundedLog(10);
    expect(floorLog(243, ln3)).toBe(4);
    expect(floorLog(244, ln3)).toBe(5);
    expect(floorLog(1000, ln10)).toBe(2);
    expect(floorLog(100, ln10)).toBe(2);
    expect(floorLog(1, ln3)).toBe(0);
    expect(floorLog(0.5, correctlyRoundedLog(0.5))).toBe(1);
  });
});
