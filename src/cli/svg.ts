/**
 * A small, dependency-free SVG line chart of a simulated schedule: a title with the type, then one
 * panel per quantity (lr, momentum, beta1, beta2, weight decay) stacked over a shared step axis,
 * each with its own round y ticks, one polyline per param group and a legend. Each group keeps its
 * color and dash pattern in every panel, so groups that overlap stay distinguishable, and the legend
 * names the groups that coincide. Long runs are reduced to the lowest and highest value of each
 * horizontal pixel, so a million steps stay a few kB and keep every peak and dip.
 */
import { formatTick, niceTicks } from "./ticks.js";

export interface SvgPanel {
  /** The quantity, as the y axis names it: `lr`, `momentum`, ... */
  name: string;
  /** One series per line, all of the same length; index = step. */
  series: readonly ArrayLike<number>[];
  /** The legend entry of each series. */
  labels: readonly string[];
  /** Each series' param group (its color and dash pattern); default: its index. */
  groups?: readonly number[];
  /** Per series, the label of an earlier series it equals at every step (the legend says so). */
  sameAs?: readonly (string | undefined)[];
}

export interface SvgChartOptions {
  title: string;
  /** The panels, top to bottom; or `series` and `labels` for a single lr panel. */
  panels?: readonly SvgPanel[];
  series?: readonly ArrayLike<number>[];
  labels?: readonly string[];
  width?: number;
  /** The height with one panel; each further panel adds `PANEL_HEIGHT`. */
  height?: number;
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
/** Group 0 solid, then dashes that let the line under them show through. */
const DASHES = ["", "7 4", "2 3", "10 3 2 3", "4 4", "1 5", "12 5", "6 2 2 2"];
const MARGIN = { top: 40, right: 20, bottom: 45, left: 70 };
/** The plot height of each panel after the first, and the gap above it. */
const PANEL_HEIGHT = 150;
const PANEL_GAP = 25;

const colorOf = (group: number) => COLORS[group % COLORS.length]!;
const dashOf = (group: number) => {
  const dash = DASHES[group % DASHES.length]!;
  return dash === "" ? "" : ` stroke-dasharray="${dash}"`;
};

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const coord = (v: number) => String(Math.round(v * 10) / 10);

/** The finite range of all series, widened when flat so a constant schedule is drawn mid-height. */
function valueRange(series: readonly ArrayLike<number>[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const s of series) {
    for (let t = 0; t < s.length; t++) {
      const v = s[t]!;
      if (Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  }
  if (min > max) return [0, 1];
  if (min === max) return min === 0 ? [-1, 1] : [min - Math.abs(min) / 2, max + Math.abs(max) / 2];
  // A schedule that nearly reaches zero is drawn from zero, so its floor reads at a glance.
  return [min >= 0 && min < (max - min) / 4 ? 0 : min, max];
}

/** Polyline runs for one series: per pixel column its first, lowest, highest and last value; non-finite values break the line. */
function lineRuns(s: ArrayLike<number>, columns: number, x: (t: number) => number, y: (v: number) => number): string[] {
  const runs: string[] = [];
  let points: string[] = [];
  const flush = () => {
    if (points.length > 0) runs.push(points.join(" "));
    points = [];
  };
  const perColumn = Math.max(1, Math.floor(s.length / columns));
  for (let start = 0; start < s.length; start += perColumn) {
    const end = Math.min(s.length, start + perColumn);
    let lo = start;
    let hi = start;
    for (let t = start; t < end; t++) {
      if (!Number.isFinite(s[t]!)) {
        flush();
        lo = hi = t + 1;
        continue;
      }
      if (!Number.isFinite(s[lo]!) || s[t]! < s[lo]!) lo = t;
      if (!Number.isFinite(s[hi]!) || s[t]! > s[hi]!) hi = t;
    }
    const picks = [...new Set([start, Math.min(lo, hi), Math.max(lo, hi), end - 1])].filter((t) => t < end && Number.isFinite(s[t]!));
    for (const t of picks) points.push(`${coord(x(t))},${coord(y(s[t]!))}`);
  }
  flush();
  return runs;
}

/** Renders the chart as a standalone SVG document. */
export function renderSvg({ title, panels: given, series, labels, width = 720, height = 400 }: SvgChartOptions): string {
  const panels: readonly SvgPanel[] = given ?? [{ name: "lr", series: series ?? [], labels: labels ?? [] }];
  const plotW = width - MARGIN.left - MARGIN.right;
  const firstH = height - MARGIN.top - MARGIN.bottom;
  const totalHeight = height + (panels.length - 1) * (PANEL_HEIGHT + PANEL_GAP);
  const last = Math.max(1, (panels[0]?.series[0]?.length ?? 1) - 1);
  const x = (t: number) => MARGIN.left + (t / last) * plotW;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${totalHeight}" viewBox="0 0 ${width} ${totalHeight}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${totalHeight}" fill="#ffffff"/>`,
    `<text class="title" x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
  ];
  let top = MARGIN.top;
  panels.forEach((panel, k) => {
    const plotH = k === 0 ? firstH : PANEL_HEIGHT;
    const bottom = top + plotH;
    const [yMin, yMax] = valueRange(panel.series);
    const y = (v: number) => top + (1 - (v - yMin) / (yMax - yMin)) * plotH;
    const name = escapeXml(panel.name);
    out.push(`<g class="y-axis" data-panel="${name}" stroke="#999999">`, `<line x1="${MARGIN.left}" y1="${top}" x2="${MARGIN.left}" y2="${bottom}"/>`);
    for (const v of niceTicks(yMin, yMax, k === 0 ? 5 : 3)) {
      const py = coord(y(v));
      out.push(`<line x1="${MARGIN.left - 5}" y1="${py}" x2="${MARGIN.left}" y2="${py}"/>`);
      out.push(`<text x="${MARGIN.left - 8}" y="${py}" dy="4" text-anchor="end" stroke="none" fill="#333333">${formatTick(v)}</text>`);
    }
    out.push(`<text x="16" y="${top + plotH / 2}" transform="rotate(-90 16 ${top + plotH / 2})" text-anchor="middle" stroke="none" fill="#333333">${name}</text>`, `</g>`);
    const isLast = k === panels.length - 1;
    out.push(`<g class="${isLast ? "x-axis" : "x-rule"}" data-panel="${name}" stroke="#999999">`, `<line x1="${MARGIN.left}" y1="${bottom}" x2="${MARGIN.left + plotW}" y2="${bottom}"/>`);
    for (const t of niceTicks(0, last, 8)) {
      const px = coord(x(t));
      out.push(`<line x1="${px}" y1="${bottom}" x2="${px}" y2="${bottom + 5}"/>`);
      if (isLast) out.push(`<text x="${px}" y="${bottom + 18}" text-anchor="middle" stroke="none" fill="#333333">${formatTick(t)}</text>`);
    }
    if (isLast) out.push(`<text x="${MARGIN.left + plotW / 2}" y="${bottom + 39}" text-anchor="middle" stroke="none" fill="#333333">step</text>`);
    out.push(`</g>`);
    const groupOf = (i: number) => panel.groups?.[i] ?? i;
    panel.series.forEach((s, i) => {
      const g = groupOf(i);
      out.push(`<g class="series" data-panel="${name}" data-label="${escapeXml(panel.labels[i] ?? "")}" fill="none" stroke="${colorOf(g)}"${dashOf(g)} stroke-width="1.5">`);
      for (const run of lineRuns(s, plotW, x, y)) out.push(`<polyline points="${run}"/>`);
      out.push(`</g>`);
    });
    if (panel.series.length > 1) {
      out.push(`<g class="legend" data-panel="${name}">`);
      const entries = panel.labels.map((label, i) => (panel.sameAs?.[i] ? `${label} (= ${panel.sameAs[i]})` : label));
      // About 7 px a character at font-size 12: the longest entry ends at the right margin.
      const lx = Math.max(MARGIN.left + 10, width - MARGIN.right - 35 - 7 * Math.max(...entries.map((e) => e.length)));
      entries.forEach((entry, i) => {
        const ly = top + 8 + i * 16;
        const g = groupOf(i);
        out.push(`<line x1="${lx}" y1="${ly}" x2="${lx + 25}" y2="${ly}" stroke="${colorOf(g)}"${dashOf(g)} stroke-width="2"/>`);
        out.push(`<text x="${lx + 30}" y="${ly}" dy="4" fill="#333333">${escapeXml(entry)}</text>`);
      });
      out.push(`</g>`);
    }
    top = bottom + PANEL_GAP;
  });
  out.push(`</svg>`, "");
  return out.join("\n");
}
