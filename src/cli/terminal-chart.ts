/**
 * `plot` in the terminal: asciichart draws one line per group, one value per column, so a long run
 * is sampled at evenly spaced steps to fit the width. Labels use the same short form as the SVG.
 */
import * as asciichart from "asciichart";
import type { Simulation } from "../index.js";
import { formatTick } from "./ticks.js";

const COLORS = [asciichart.blue, asciichart.red, asciichart.green, asciichart.yellow, asciichart.magenta, asciichart.cyan];
const LABEL_WIDTH = 10;

/** `count` values of `series` at evenly spaced indexes, first and last included. */
export function sampleEvenly(series: ArrayLike<number>, count: number): number[] {
  const n = series.length;
  if (n <= count) return Array.from(series);
  return Array.from({ length: count }, (_, k) => series[Math.round((k * (n - 1)) / (count - 1))]!);
}

export interface TerminalChartOptions {
  /** Total width in characters, labels included. */
  width: number;
  height: number;
  color: boolean;
}

export function renderTerminalChart(sim: Simulation, { width, height, color }: TerminalChartOptions): string {
  const columns = Math.max(10, width - LABEL_WIDTH - 2);
  const series = sim.groups.map((g) => sampleEvenly(g.lr, columns).map((v) => (Number.isFinite(v) ? v : Number.NaN)));
  const chart = asciichart.plot(series, {
    height,
    padding: " ".repeat(LABEL_WIDTH),
    format: (x: number) => formatTick(Number(x.toPrecision(3))).padStart(LABEL_WIDTH),
    colors: color ? sim.groups.map((_, i) => COLORS[i % COLORS.length]) : undefined,
  });
  const plotted = series[0]?.length ?? 0;
  const axis = `${" ".repeat(LABEL_WIDTH + 1)}step 0${`step ${sim.steps}`.padStart(Math.max(0, plotted - 6))}`;
  const names = sim.groups.map((_, i) => (color ? asciichart.colored(`── lr_${i}`, COLORS[i % COLORS.length]) : `lr_${i}`));
  const legend = sim.groups.length < 2 ? "" : `\n${names.join("   ")}${color ? "" : " (one line per group; a color terminal tells them apart)"}`;
  return `${sim.type}: lr over ${sim.steps} steps\n${chart}\n${axis}${legend}\n`;
}
