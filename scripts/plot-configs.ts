/**
 * The examples the docs plots are drawn from (docs/plot-configs.json), turned into what `simulate`
 * takes. Shared by `npm run docs` and the test that every registered type has a page and a plot.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { ParamGroup, SimulateOptions } from "../src/index.js";

export const ROOT = join(import.meta.dirname, "..");
export const PLOT_CONFIGS_FILE = join(ROOT, "docs", "plot-configs.json");
/** Further tables, one per family (docs/plot-configs/<family>.json), merged into the main one. */
export const PLOT_CONFIGS_DIR = join(ROOT, "docs", "plot-configs");

export interface PlotConfig {
  params: Record<string, unknown>;
  steps: number;
  lr?: number | number[];
  groups?: Partial<ParamGroup>[];
  /** One metric per step, or "plateaus". */
  metrics?: number[] | "plateaus";
  /** Function-valued params as JavaScript source, e.g. `{ "lr_lambda": "(step) => 0.95 ** step" }`. */
  functions?: Record<string, string>;
}

/** Every entry of docs/plot-configs.json and docs/plot-configs/*.json, by type. */
export function readPlotConfigs(): Record<string, PlotConfig> {
  const files = [PLOT_CONFIGS_FILE, ...(existsSync(PLOT_CONFIGS_DIR) ? readdirSync(PLOT_CONFIGS_DIR).filter((f) => f.endsWith(".json")).sort().map((f) => join(PLOT_CONFIGS_DIR, f)) : [])];
  const entries = files.flatMap((file) => Object.entries(JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>));
  return Object.fromEntries(entries.filter(([key]) => !key.startsWith("$"))) as Record<string, PlotConfig>;
}

/** A loss that improves for 20 steps, then stalls for 30, and again: plateau schedules cut the lr during the stalls. */
function plateaus(steps: number): number[] {
  return Array.from({ length: steps }, (_, k) => 1 - 0.2 * Math.floor(k / 50) - 0.01 * Math.min(k % 50, 20));
}

/** The `simulate(config, options)` arguments of one entry. */
export function simulationOf(type: string, entry: PlotConfig): { config: { type: string; params: Record<string, unknown> }; options: SimulateOptions } {
  const params: Record<string, unknown> = { ...entry.params };
  for (const [name, source] of Object.entries(entry.functions ?? {})) {
    // The table is the repository's own file, so its function sources are trusted code.
    params[name] = new Function(`return (${source});`)() as unknown;
  }
  const options: SimulateOptions = { steps: entry.steps };
  if (entry.lr !== undefined) options.lr = entry.lr;
  if (entry.groups !== undefined) options.groups = entry.groups;
  if (entry.metrics !== undefined) options.metrics = entry.metrics === "plateaus" ? plateaus(entry.steps) : entry.metrics;
  return { config: { type, params }, options };
}
