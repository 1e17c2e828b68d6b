/**
 * `plot` in the terminal: one panel per quantity (lr, then momentum / beta1 / beta2 / weight decay
 * where the schedule writes them), drawn with box-drawing characters in asciichart's style. A run
 * longer than the chart is wide gives each column a range of steps, and the column spans the
 * lowest to the highest value of its range, so no peak or dip is lost (a schedule that cycles faster
 * than the columns fills a band), and the axis labels are the true extremes. A group equal to an
 * earlier one is drawn once and named in the legend.
 */
import * as asciichart from "asciichart";
import type { Simulation } from "../index.js";
import type { Panel } from "./panels.js";
import { formatTick } from "./ticks.js";

const COLORS = [asciichart.blue, asciichart.red, asciichart.green, asciichart.yellow, asciichart.magenta, asciichart.cyan];
const LABEL_WIDTH = 10;
/** What comes before the first column: the label, a space and the axis. */
const AXIS_WIDTH = LABEL_WIDTH + 2;

/**
 * One character column of a series: it goes from the value at step `from` to the value at step
 * `to` (the next column's first step), passing through `min` and `max` on the way.
 */
export interface ColumnRange {
  from: number;
  to: number;
  enter: number;
  exit: number;
  min: number;
  max: number;
}

/**
 * Splits the steps of `series` into at most `columns` consecutive ranges (one step each when they
 * fit) and takes each range's first, last, lowest and highest value, so that no value is skipped.
 */
export function columnRanges(series: ArrayLike<number>, columns: number): ColumnRange[] {
  const last = series.length - 1;
  const count = Math.min(columns, last);
  const ranges: ColumnRange[] = [];
  for (let c = 0; c < count; c++) {
    const from = Math.round((c * last) / count);
    const to = Math.round(((c + 1) * last) / count);
    let min = series[from]!;
    let max = min;
    for (let t = from + 1; t <= to; t++) {
      const v = series[t]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    ranges.push({ from, to, enter: series[from]!, exit: series[to]!, min, max });
  }
  return ranges;
}

/** Box-drawing characters by the directions a cell connects to: left, right, up, down. */
const LEFT = 1;
const RIGHT = 2;
const UP = 4;
const DOWN = 8;
const GLYPHS: Record<number, string> = {
  [LEFT]: "─", [RIGHT]: "─", [LEFT | RIGHT]: "─", [UP]: "│", [DOWN]: "│", [UP | DOWN]: "│",
  [LEFT | DOWN]: "╮", [LEFT | UP]: "╯", [RIGHT | DOWN]: "╭", [RIGHT | UP]: "╰",
  [LEFT | RIGHT | UP]: "┴", [LEFT | RIGHT | DOWN]: "┬", [LEFT | UP | DOWN]: "┤", [RIGHT | UP | DOWN]: "├",
  [LEFT | RIGHT | UP | DOWN]: "┼",
};

export interface TerminalChartOptions {
  /** Total width in characters, labels included. */
  width: number;
  /** Rows of the lr panel; the other panels get half as many (at least 2). */
  height: number;
  color: boolean;
}

const paint = (text: string, group: number, color: boolean) => (color ? asciichart.colored(text, COLORS[group % COLORS.length]) : text);

/** The chart rows of one panel, top row first, with the value labels and the axis. */
function plotRows(panel: Panel, columns: number, height: number, color: boolean): { rows: string[]; stepsPerColumn: number[] } {
  const drawn = panel.series.filter((s) => s.sameAs === undefined);
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of drawn) {
    for (const v of s.values) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const levels = hi > lo ? height : 0;
  const row = (v: number) => (levels === 0 ? 0 : Math.round(((v - lo) / (hi - lo)) * levels));
  const links: number[][] = Array.from({ length: levels + 1 }, () => []);
  const owner: number[][] = Array.from({ length: levels + 1 }, () => []);
  const starts: { row: number; group: number }[] = [];
  let stepsPerColumn: number[] = [];
  for (const s of drawn) {
    const ranges = columnRanges(s.values, columns);
    stepsPerColumn = ranges.map((r) => r.to - r.from);
    starts.push({ row: row(s.values[0]!), group: s.group });
    ranges.forEach((r, x) => {
      const [enter, exit, bottom, top] = [row(r.enter), row(r.exit), row(r.min), row(r.max)];
      for (let y = bottom; y <= top; y++) {
        let link = (y === enter ? LEFT : 0) | (y === exit ? RIGHT : 0) | (y < top ? UP : 0) | (y > bottom ? DOWN : 0);
        if (owner[y]![x] === s.group) link |= links[y]![x]!;
        links[y]![x] = link;
        owner[y]![x] = s.group;
      }
    });
  }
  const width = stepsPerColumn.length;
  const rows: string[] = [];
  for (let y = levels; y >= 0; y--) {
    const label = formatTick(Number((levels === 0 ? lo : lo + ((hi - lo) * y) / levels).toPrecision(3))).padStart(LABEL_WIDTH);
    const start = starts.find((st) => st.row === y);
    const axis = start ? paint("┼", start.group, color) : y === levels || y === 0 ? "┼" : "┤";
    let line = "";
    for (let x = 0; x < width; x++) {
      const link = links[y]![x];
      line += link === undefined ? " " : paint(GLYPHS[link]!, owner[y]![x]!, color);
    }
    rows.push(`${label} ${axis}${line}`);
  }
  return { rows, stepsPerColumn };
}

interface Entry {
  text: string;
  /** Painted in this group's color. */
  group?: number;
}

const words = (text: string): Entry[] => text.split(" ").map((word) => ({ text: word }));

/** Lines of `entries`, `gap` apart, each line after `indent`, wrapped at `width` (an entry longer than a line gets a line of its own). */
function wrap(entries: readonly Entry[], width: number, { indent = "", gap = " ", color = false } = {}): string[] {
  const lines: string[] = [];
  let line = "";
  let length = 0;
  for (const { text, group } of entries) {
    if (length > 0 && indent.length + length + gap.length + text.length > width) {
      lines.push(indent + line);
      line = "";
      length = 0;
    }
    const painted = group === undefined ? text : paint(text, group, color);
    line += length > 0 ? gap + painted : painted;
    length += (length > 0 ? gap.length : 0) + text.length;
  }
  if (length > 0) lines.push(indent + line);
  return lines;
}

/** Legends and notes start under the axis where there is room. */
const indentFor = (width: number) => " ".repeat(width >= 60 ? AXIS_WIDTH - 1 : 0);

function renderPanel(sim: Simulation, panel: Panel, columns: number, width: number, height: number, color: boolean): { text: string; stepsPerColumn: number[] } {
  const { rows, stepsPerColumn } = plotRows(panel, columns, height, color);
  const full = `step ${sim.steps}`;
  const last = full.length < stepsPerColumn.length ? full : String(sim.steps);
  // "step 0" ends under the axis, the last step under the last column.
  const axis = `${"step 0".padStart(AXIS_WIDTH)}${last.padStart(Math.max(last.length + 1, stepsPerColumn.length))}`;
  const out = [...wrap(words(`${sim.type}: ${panel.name} over ${sim.steps} steps`), width), ...rows, axis];
  if (panel.series.length > 1) {
    const entries = panel.series.map((s) => ({ text: `${color ? "── " : ""}${s.label}${s.sameAs ? ` (= ${s.sameAs}, drawn once)` : ""}`, group: s.group }));
    out.push(...wrap(entries, width, { indent: indentFor(width), gap: "   ", color }));
  }
  return { text: out.join("\n"), stepsPerColumn };
}

export function renderTerminalChart(sim: Simulation, panels: readonly Panel[], { width, height, color }: TerminalChartOptions): string {
  const columns = Math.max(2, width - AXIS_WIDTH);
  const rendered = panels.map((panel, k) => renderPanel(sim, panel, columns, width, k === 0 ? height : Math.max(2, Math.round(height / 2)), color));
  const perColumn = rendered[0]?.stepsPerColumn ?? [];
  const fewest = Math.min(...perColumn);
  const most = Math.max(1, ...perColumn);
  const notes: string[] = [];
  if (most > 1) notes.push(`Each column covers ${fewest === most ? most : `${fewest} or ${most}`} steps and spans their lowest to highest value.`);
  if (!color && panels.some((p) => p.series.filter((s) => s.sameAs === undefined).length > 1)) notes.push("One line per group; a color terminal tells them apart.");
  const footer = wrap(words(notes.join(" ")), width, { indent: indentFor(width) });
  return `${[rendered.map((r) => r.text).join("\n\n"), ...footer].join("\n")}\n`;
}
