/**
 * A small, dependency-free SVG line chart of a simulated schedule: a title with the type, both axes
 * with round ticks, one polyline per param group and a legend. Long runs are reduced to the
 * lowest and highest value of each horizontal pixel, so a million steps stay a few kB and keep
 * every peak and dip.
 */
import { formatTick, niceTicks } from "./ticks.js";

export interface SvgChartOptions {
  title: string;
  /** One series per line, all of the same length; index = step. */
  series: readonly ArrayLike<number>[];
  /** The legend entry of each series. */
  labels: readonly string[];
  width?: number;
  height?: number;
}

const COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];
const MARGIN = { top: 40, right: 20, bottom: 45, left: 70 };

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
export function renderSvg({ title, series, labels, width = 720, height = 400 }: SvgChartOptions): string {
  const plotW = width - MARGIN.left - MARGIN.right;
  const plotH = height - MARGIN.top - MARGIN.bottom;
  const last = Math.max(1, (series[0]?.length ?? 1) - 1);
  const [yMin, yMax] = valueRange(series);
  const x = (t: number) => MARGIN.left + (t / last) * plotW;
  const y = (v: number) => MARGIN.top + (1 - (v - yMin) / (yMax - yMin)) * plotH;
  const bottom = MARGIN.top + plotH;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text class="title" x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escapeXml(title)}</text>`,
  ];
  out.push(`<g class="y-axis" stroke="#999999">`, `<line x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}"/>`);
  for (const v of niceTicks(yMin, yMax)) {
    const py = coord(y(v));
    out.push(`<line x1="${MARGIN.left - 5}" y1="${py}" x2="${MARGIN.left}" y2="${py}"/>`);
    out.push(`<text x="${MARGIN.left - 8}" y="${py}" dy="4" text-anchor="end" stroke="none" fill="#333333">${formatTick(v)}</text>`);
  }
  out.push(`<text x="16" y="${MARGIN.top + plotH / 2}" transform="rotate(-90 16 ${MARGIN.top + plotH / 2})" text-anchor="middle" stroke="none" fill="#333333">lr</text>`, `</g>`);
  out.push(`<g class="x-axis" stroke="#999999">`, `<line x1="${MARGIN.left}" y1="${bottom}" x2="${MARGIN.left + plotW}" y2="${bottom}"/>`);
  for (const t of niceTicks(0, last, 8)) {
    const px = coord(x(t));
    out.push(`<line x1="${px}" y1="${bottom}" x2="${px}" y2="${bottom + 5}"/>`);
    out.push(`<text x="${px}" y="${bottom + 18}" text-anchor="middle" stroke="none" fill="#333333">${formatTick(t)}</text>`);
  }
  out.push(`<text x="${MARGIN.left + plotW / 2}" y="${height - 6}" text-anchor="middle" stroke="none" fill="#333333">step</text>`, `</g>`);
  series.forEach((s, i) => {
    const color = COLORS[i % COLORS.length]!;
    out.push(`<g class="series" fill="none" stroke="${color}" stroke-width="1.5">`);
    for (const run of lineRuns(s, plotW, x, y)) out.push(`<polyline points="${run}"/>`);
    out.push(`</g>`);
  });
  if (series.length > 1) {
    out.push(`<g class="legend">`);
    labels.forEach((label, i) => {
      const ly = MARGIN.top + 8 + i * 16;
      const color = COLORS[i % COLORS.length]!;
      out.push(`<line x1="${width - MARGIN.right - 90}" y1="${ly}" x2="${width - MARGIN.right - 70}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
      out.push(`<text x="${width - MARGIN.right - 65}" y="${ly}" dy="4" fill="#333333">${escapeXml(label)}</text>`);
    });
    out.push(`</g>`);
  }
  out.push(`</svg>`, "");
  return out.join("\n");
}
