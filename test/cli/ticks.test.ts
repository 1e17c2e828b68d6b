import { describe, expect, it } from "vitest";
import { formatTick, niceTicks } from "../../src/cli/ticks.js";

describe("niceTicks", () => {
  it("gives round values 1, 2 or 5 times a power of ten apart inside the range", () => {
    expect(niceTicks(0, 100)).toEqual([0, 20, 40, 60, 80, 100]);
    expect(niceTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
    expect(niceTicks(3e-5, 3e-4)).toEqual([1e-4, 2e-4, 3e-4]);
    expect(niceTicks(-1, 1, 4)).toEqual([-1, -0.5, 0, 0.5, 1]);
    expect(niceTicks(0, 0.010000000000000002)).toEqual([0, 0.002, 0.004, 0.006, 0.008, 0.01]); // a max a hair above 0.01 keeps spacing 0.002
    expect(niceTicks(0, 10_000, 8)).toEqual([0, 2000, 4000, 6000, 8000, 10_000]);
  });

  it("gives one tick for an empty range", () => {
    expect(niceTicks(0.5, 0.5)).toEqual([0.5]);
  });
});

describe("formatTick", () => {
  it.each([
    [0, "0"],
    [3e-4, "3e-4"],
    [1.25e-5, "1.25e-5"],
    [0.0125, "0.0125"],
    [0.1 + 0.2, "0.3"],
    [12_000, "12000"],
    [2e6, "2e6"],
    [-0.5, "-0.5"],
  ])("%d -> %s", (value, label) => {
    expect(formatTick(value)).toBe(label);
  });
});
