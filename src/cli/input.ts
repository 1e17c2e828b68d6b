/**
 * Turns the command line into what `simulate` needs: the scheduler config (a JSON file holding
 * `{ type, params }` or a whole ds_config.json, `--type` with `--param key=value`, or the embedded
 * default) and the simulate options (`--steps`, `--lr`, `--groups`, `--momentum`, `--betas`,
 * `--optimizer`, `--metrics`), plus Megatron's `--increment`.
 */
import type { ParamGroup, SimulateOptions } from "../index.js";
import { DEFAULT_SCHEDULE } from "./default-schedule.js";
import { LIMITS, parseBoundedInteger, readConfigText, UsageError } from "./limits.js";
import type { MomentumName } from "./panels.js";

export { UsageError } from "./limits.js";

/** The optimizers a preview can stand in for: SGD (groups with `momentum`) or Adam (groups with `betas`). */
export type OptimizerKind = "sgd" | "adam";

/** What each kind adds to a group that has neither `momentum` nor `betas`. */
export const OPTIMIZER_GROUPS: Record<OptimizerKind, Partial<ParamGroup>> = {
  sgd: { momentum: 0.9 },
  adam: { betas: [0.9, 0.999] },
};

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
  optimizer?: OptimizerKind;
  increment?: string;
}

export interface SimulationInput {
  config: Record<string, unknown>;
  options: SimulateOptions;
  /** `--increment`: each `step()` is `step(increment)` (Megatron); absent for plain `step()`. */
  increment?: number;
  /** Per group, what its cycled momentum series is: `betas[0]` where the group has betas, else `momentum`. */
  momentumNames: MomentumName[];
  /** What a ds_config.json's `optimizer.params` adds to every group (as `simulate` reads it); empty otherwise. */
  configGroup: Partial<ParamGroup>;
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
  const text = readConfigText(path);
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

/** A ds_config.json's optimizer: the values of its `optimizer.params` that `simulate` puts into every group, and whether it is Adam-like. */
function dsConfigOptimizer(config: Record<string, unknown>): { group: Partial<ParamGroup>; kind: OptimizerKind } | undefined {
  if ("type" in config || !isObject(config.optimizer)) return undefined;
  const { type, params } = config.optimizer;
  const group: Partial<ParamGroup> = {};
  if (isObject(params)) {
    if (typeof params.lr === "number") group.lr = params.lr;
    if (typeof params.momentum === "number") group.momentum = params.momentum;
    if (Array.isArray(params.betas) && params.betas.every((b) => typeof b === "number")) group.betas = [...(params.betas as number[])];
    if (typeof params.weight_decay === "number") group.weightDecay = params.weight_decay;
  }
  return { group, kind: typeof type === "string" && /adam|lamb|lion/i.test(type) ? "adam" : "sgd" };
}

const hasMomentum = (g: Partial<ParamGroup>) => g.momentum !== undefined || g.betas !== undefined;

/**
 * The param groups: `--groups` (or one per `--lr` value), `--momentum` / `--betas` put into every
 * group, and the `--optimizer` kind's fields (SGD's momentum by default; a ds_config.json's optimizer
 * type where it names one) added to each group that has neither momentum nor betas, so that schedules
 * which cycle momentum or beta1 can be previewed.
 */
function groupsFrom(flags: InputFlags, fromConfig: ReturnType<typeof dsConfigOptimizer>): Partial<ParamGroup>[] {
  const given = flags.groups !== undefined ? parseGroups(flags.groups) : undefined;
  const momentum = flags.momentum === undefined ? undefined : parseNumber("--momentum", flags.momentum);
  if (flags.betas !== undefined && flags.betas.length !== 2) throw new UsageError("--betas: expected two numbers, beta1,beta2");
  const preset = OPTIMIZER_GROUPS[flags.optimizer ?? fromConfig?.kind ?? "sgd"];
  const count = given?.length ?? flags.lr?.length ?? 1;
  return Array.from({ length: count }, (_, i) => {
    const group: Partial<ParamGroup> = { ...given?.[i] };
    if (momentum !== undefined) group.momentum = momentum;
    if (flags.betas !== undefined) group.betas = [...flags.betas];
    if (!hasMomentum(group) && !hasMomentum(fromConfig?.group ?? {})) Object.assign(group, structuredClone(preset));
    return group;
  });
}

/** Reads the config and the simulate options from the command's file argument and flags. */
export function readInput(file: string | undefined, flags: InputFlags): SimulationInput {
  const sources = [file !== undefined, flags.type !== undefined, flags.default === true].filter(Boolean).length;
  if (sources === 0) throw new UsageError("give a config file, --type <T> or --default (see --help)");
  if (sources > 1) throw new UsageError("give only one of: a config file, --type <T>, --default");
  const params = (flags.param ?? []).map(parseParam);
  const base = flags.default ? DEFAULT_SCHEDULE.config : flags.type !== undefined ? { type: flags.type } : readJsonFile(file!);
  const config = withParams(base, params);
  const steps = flags.steps === undefined ? (flags.default ? DEFAULT_SCHEDULE.steps : 100) : parseBoundedInteger("--steps", flags.steps, LIMITS.steps);
  const options: SimulateOptions = { steps };
  if (flags.lr !== undefined) options.lr = flags.lr;
  else if (flags.default) options.lr = DEFAULT_SCHEDULE.lr;
  const fromConfig = dsConfigOptimizer(config);
  options.groups = groupsFrom(flags, fromConfig);
  if (flags.metrics !== undefined) options.metrics = flags.metrics;
  const momentumNames = options.groups.map((g) => ("betas" in { ...fromConfig?.group, ...g } ? "beta1" : "momentum") as MomentumName);
  const input: SimulationInput = { config, options, momentumNames, configGroup: fromConfig?.group ?? {} };
  if (flags.increment !== undefined) input.increment = parseBoundedInteger("--increment", flags.increment, LIMITS.increment);
  return input;
}
