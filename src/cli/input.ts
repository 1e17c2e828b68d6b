/**
 * Turns the command line into what `simulate` needs: the scheduler config (a JSON file holding
 * `{ type, params }` or a whole ds_config.json, `--type` with `--param key=value`, or the embedded
 * default) and the simulate options (`--steps`, `--lr`, `--groups`, `--momentum`, `--betas`, `--metrics`).
 */
import { readFileSync } from "node:fs";
import type { ParamGroup, SimulateOptions } from "../index.js";
import { DEFAULT_SCHEDULE } from "./default-schedule.js";

/** A command-line mistake; the CLI prints its message as one line and exits with status 1. */
export class UsageError extends Error {}

/** The options both commands share, as commander parses them. */
export interface InputFlags {
  type?: string;
  param?: string[];
  default?: boolean;
  steps?: string;
  lr?: number[];
  groups?: string;
  momentum?: string;
  betas?: number[];
  metrics?: number[];
}

export interface SimulationInput {
  config: Record<string, unknown>;
  options: SimulateOptions;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses a number as written on the command line. */
export function parseNumber(flag: string, text: string): number {
  const value = text.trim() === "" ? Number.NaN : Number(text);
  if (!Number.isFinite(value)) throw new UsageError(`${flag}: "${text}" is not a finite number`);
  return value;
}

/** Parses `0.1,0.01` (and repeated flags) into numbers. */
export function parseNumberList(flag: string) {
  return (text: string, previous: number[] | undefined): number[] => [...(previous ?? []), ...text.split(",").map((part) => parseNumber(flag, part))];
}

/** `key=value`: the value is read as JSON when it is JSON (`30`, `[30,80]`, `true`), else as a string (`linear`). */
export function parseParam(text: string): [string, unknown] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new UsageError(`--param: "${text}" is not key=value`);
  const raw = text.slice(eq + 1);
  try {
    return [text.slice(0, eq), JSON.parse(raw)];
  } catch {
    return [text.slice(0, eq), raw];
  }
}

function readJsonFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot read config file "${path}"${code === "ENOENT" ? ": no such file" : code ? ` (${code})` : ""}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`config file "${path}" is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(json)) throw new UsageError(`config file "${path}" must hold a JSON object ({ "type", "params" } or a ds_config.json)`);
  return json;
}

/** The config with `--param` values merged into its params (into the `scheduler` section of a ds_config.json). */
function withParams(config: Record<string, unknown>, params: [string, unknown][]): Record<string, unknown> {
  if (params.length === 0) return config;
  const merge = (section: Record<string, unknown>) => ({ ...section, params: { ...(isObject(section.params) ? section.params : {}), ...Object.fromEntries(params) } });
  if ("type" in config || !isObject(config.scheduler)) return merge(config);
  return { ...config, scheduler: merge(config.scheduler) };
}

function parseGroups(text: string): Partial<ParamGroup>[] {
  let groups: unknown;
  try {
    groups = JSON.parse(text);
  } catch {
    throw new UsageError(`--groups: not valid JSON: ${text}`);
  }
  if (!Array.isArray(groups) || groups.length === 0 || !groups.every(isObject)) throw new UsageError("--groups: expected a JSON list of param group objects");
  return groups as Partial<ParamGroup>[];
}

/** Reads the config and the simulate options from the command's file argument and flags. */
export function readInput(file: string | undefined, flags: InputFlags): SimulationInput {
  const sources = [file !== undefined, flags.type !== undefined, flags.default === true].filter(Boolean).length;
  if (sources === 0) throw new UsageError("give a config file, --type <T> or --default (see --help)");
  if (sources > 1) throw new UsageError("give only one of: a config file, --type <T>, --default");
  const params = (flags.param ?? []).map(parseParam);
  const base = flags.default ? DEFAULT_SCHEDULE.config : flags.type !== undefined ? { type: flags.type } : readJsonFile(file!);
  const config = withParams(base, params);
  const options: SimulateOptions = { steps: flags.default ? DEFAULT_SCHEDULE.steps : 100 };
  if (flags.steps !== undefined) {
    const steps = parseNumber("--steps", flags.steps);
    if (!Number.isInteger(steps) || steps < 1) throw new UsageError(`--steps: "${flags.steps}" is not an integer >= 1`);
    options.steps = steps;
  }
  if (flags.lr !== undefined) options.lr = flags.lr;
  else if (flags.default) options.lr = DEFAULT_SCHEDULE.lr;
  let groups = flags.groups !== undefined ? parseGroups(flags.groups) : undefined;
  if (flags.momentum !== undefined || flags.betas !== undefined) {
    const momentum = flags.momentum === undefined ? undefined : parseNumber("--momentum", flags.momentum);
    if (flags.betas !== undefined && flags.betas.length !== 2) throw new UsageError("--betas: expected two numbers, beta1,beta2");
    const count = groups?.length ?? flags.lr?.length ?? 1;
    groups = Array.from({ length: count }, (_, i) => ({
      ...groups?.[i],
      ...(momentum === undefined ? {} : { momentum }),
      ...(flags.betas === undefined ? {} : { betas: [...flags.betas] }),
    }));
  }
  if (groups !== undefined) options.groups = groups;
  if (flags.metrics !== undefined) options.metrics = flags.metrics;
  return { config, options };
}
