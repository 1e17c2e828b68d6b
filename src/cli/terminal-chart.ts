/**
 * `plot` in the terminal: one asciichart panel per quantity (lr, then momentum / beta1 / beta2 /
 * weight decay where the schedule writes them). A run longer than the chart is wide gives each
 * column a range of steps, and the column shows the lowest and highest value of its range (two
 * lines per group, which meet where the range is flat), so no peak or dip is lost and the axis
 * labels are the true extremes. Groups equal to an earlier one are drawn once and named in the legend.
 */
import * as asciichart from "asciichart";
import type { Simulation } from "../index.js";
import type { Panel } from "./panels.js";
import { formatTick } from "./ticks.js";

const COLORS = [asciichart.blue, asciichart.red, asciichart.green, asciichart.yellow, asciichart.magenta, asciichart.cyan];
const LABEL_WIDTH = 10;
/** What asciichart puts before the first column: the label, a space and the axis. */
const AXIS_WIDTH = LABEL_WIDTH + 2;

/** The lowest and highest value of each column; column c covers steps [floor(c*n/columns), floor((c+1)*n/columns)). */
export interface Envelope {
  min: number[];
  max: number[];
  /** The fewest and most steps one column covers. */
  stepsPerColumn: [number, number];
}

/** Splits `series` into at most `columns` consecutive ranges (one value each when it fits) and takes each range's extremes. */
export function envelope(series: ArrayLike<number>, columns: number): Envelope {
  const n = series.length;
  const count = Math.min(n, columns);
  const min: number[] = [];
  const max: number[] = [];
  let fewest = Infinity;
  let most = 0;
  for (let c = 0; c < count; c++) {
    const start = Math.floor((c * n) / count);
    const end = Math.floor(((c + 1) * n) / count);
    let lo = series[start]!;
    let hi = lo;
    for (let t = start + 1; t < end; t++) {
      const v = series[t]!;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    min.push(lo);
    max.push(hi);
    fewest = Math.min(fewest, end - start);
    most = Math.max(most, end - start);
  }
  return { min, max, stepsPerColumn: [count === 0 ? 0 : fewest, most] };
}

export interface TerminalChartOptions {
  /** Total width in characters, labels included. */
  width: number;
  /** Rows of the lr panel; the other panels get half as many (at least 2). */
  height: number;
  color: boolean;
}

const paint = (text: string, group: number, color: boolean) => (color ? asciichart.colored(text, COLORS[group % COLORS.length]) : text);

function renderPanel(sim: Simulation, panel: Panel, columns: number, height: number, color: boolean): { text: string; perColumn: [number, number] } {
  const drawn = panel.series.filter((s) => s.sameAs === undefined);
  const lines: number[][] = [];
  const colors: (string | undefined)[] = [];
  let perColumn: [number, number] = [1, 1];
  for (const s of drawn) {
    const { min, max, stepsPerColumn } = envelope(s.values, columns);
    perColumn = stepsPerColumn;
    lines.push(max);
    colors.push(COLORS[s.group % COLORS.length]);
    if (min.some((v, c) => v !== max[c])) {
      lines.push(min);
      colors.push(COLORS[s.group % COLORS.length]);
    }
  }
  const chart = asciichart.plot(lines, {
    height,
    padding: " ".repeat(LABEL_WIDTH),
    format: (x: number) => formatTick(Number(x.toPrecision(3))).padStart(LABEL_WIDTH),
    colors: color ? colors : undefined,
  });
  const plotted = lines[0]?.length ?? 0;
  const first = "step 0";
  const last = `step ${sim.steps}`;
  const axis = `${" ".repeat(AXIS_WIDTH - 1)}${first}${last.padStart(Math.max(last.length + 1, plotted - first.length))}`;
  const out = [`${sim.type}: ${panel.name} over ${sim.steps} steps`, chart, axis];
  if (panel.series.length > 1) {
    const names = panel.series.map((s) => paint(color ? `── ${s.label}` : s.label, s.group, color) + (s.sameAs ? ` (= ${s.sameAs}, drawn once)` : ""));
    out.push(`${" ".repeat(AXIS_WIDTH - 1)}${names.join("   ")}${color ? "" : "   (one line per group; a color terminal tells them apart)"}`);
  }
  return { text: out.join("\n"), perColumn };
}

export function renderTerminalChart(sim: Simulation, panels: readonly Panel[], { width, height, color }: TerminalChartOptions): string {
  const columns = Math.max(2, width - AXIS_WIDTH);
  const rendered = panels.map((panel, k) => renderPanel(sim, panel, columns, k === 0 ? height : Math.max(2, Math.round(height / 2)), color));
  const [fewest, most] = rendered[0]?.perColumn ?? [1, 1];
  const note =
    most > 1
      ? `\n${" ".repeat(AXIS_WIDTH - 1)}each column covers ${fewest === most ? most : `${fewest} or ${most}`} steps and shows their lowest and highest value`
      : "";
  return `${rendered.map((r) => r.text).join("\n\n")}${note}\n`;
}
