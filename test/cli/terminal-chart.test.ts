import { describe, expect, it } from "vitest";
import { panelsOf } from "../../src/cli/panels.js";
import { columnRanges, renderTerminalChart } from "../../src/cli/terminal-chart.js";
import type { Simulation } from "../../src/index.js";

describe("columnRanges", () => {
  it("is one step per column when the run fits", () => {
    const ranges = columnRanges(new Float64Array([3, 1, 2]), 10);
    expect(ranges).toEqual([
      { from: 0, to: 1, enter: 3, exit: 1, min: 1, max: 3 },
      { from: 1, to: 2, enter: 1, exit: 2, min: 1, max: 2 },
    ]);
  });

  it("covers every step, so a one-step spike is in some column", () => {
    const series = new Float64Array(100_001).fill(0.5);
    series[77_777] = 2;
    series[12_345] = -1;
    const ranges = columnRanges(series, 68);
    expect(ranges).toHaveLength(68);
    expect(ranges[0]!.from).toBe(0);
    expect(ranges.at(-1)!.to).toBe(100_000);
    ranges.slice(1).forEach((r, c) => expect(r.from).toBe(ranges[c]!.to));
    expect(Math.max(...ranges.map((r) => r.max))).toBe(2);
    expect(Math.min(...ranges.map((r) => r.min))).toBe(-1);
  });
});

describe("renderTerminalChart", () => {
  const sim = (lr: number[]): Simulation => ({ type: "ProbeLR", steps: lr.length - 1, groups: [{ lr: new Float64Array(lr) }] });
  const rows = (text: string) => text.split("\n").filter((line) => /[┼┤]/.test(line));

  it("draws a short run as asciichart would, one step per column", () => {
    const s = sim([0, 1, 1, 0]);
    expect(rows(renderTerminalChart(s, panelsOf(s), { width: 40, height: 2, color: false }))).toEqual([
      "         1 ┼╭─╮",
      "       0.5 ┤│ │",
      "         0 ┼╯ ╰",
    ]);
  });

  it("labels the top and bottom rows with the true extremes, however long the run", () => {
    const lr = Array.from({ length: 100_001 }, (_, t): number => (t === 54_321 ? 0.00123 : 0.001));
    lr[99_999] = 0.0001;
    const text = renderTerminalChart(sim(lr), panelsOf(sim(lr)), { width: 80, height: 4, color: false });
    const chart = rows(text);
    expect(chart[0]).toMatch(/^\s+0\.00123 ┼/);
    expect(chart.at(-1)).toMatch(/^\s+1e-4 ┼/);
    expect(chart[0]!.slice(12)).toMatch(/[│╭╮╰╯]/); // the one-step spike reaches the top row
    expect(text).toContain("Each column covers");
  });

  it("colors each group's line and legend entry on a color terminal", () => {
    const s: Simulation = { type: "ProbeLR", steps: 2, groups: [{ lr: new Float64Array([1, 0.5, 0]) }, { lr: new Float64Array([0, 0.5, 1]) }] };
    const text = renderTerminalChart(s, panelsOf(s), { width: 40, height: 2, color: true });
    expect(text).toContain("\x1b[34m");
    expect(text).toContain("\x1b[31m");
    expect(text).not.toContain("a color terminal tells them apart");
  });
});
