/** Axis ticks and labels shared by the terminal chart and the SVG. */

/** About `count` round tick values (1, 2 or 5 times a power of ten apart) covering [min, max]. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const spacing = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw * (1 - 1e-9)) ?? 10 * power;
  const ticks: number[] = [];
  // Multiplying the index (not adding the spacing) keeps 0.1 * 3 from drifting to 0.30000000000000004 labels.
  for (let k = Math.ceil(min / spacing); k * spacing <= max + spacing * 1e-9; k++) ticks.push(Number((k * spacing).toPrecision(12)));
  return ticks;
}

/** A short label: `3e-4`, `0.0125`, `1.5`, `12000` (four significant digits at most). */
export function formatTick(value: number): string {
  if (value === 0) return "0";
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (abs < 1e-3 || abs >= 1e6) return value.toExponential(3).replace(/\.?0+e/, "e").replace("e+", "e");
  return String(Number(value.toPrecision(4)));
}
