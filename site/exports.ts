/**
 * What the page exports: the columns it plots (named as the CLI's `table` names them: `lr_0`,
 * `momentum_0` or `beta1_0`, `beta2_0`, `weight_decay_0`) and their CSV, the `{ type, params }`
 * JSON, DeepSpeed's ds_config `scheduler` section, the TypeScript line and the reference's Python line.
 */
import * as library from "lr-schedulers";
import type { SimulatedGroup, Simulation } from "lr-schedulers";
import { types } from "./catalog.js";
import type { Schedule } from "./state.js";

export interface Column {
  /** Which of the compared schedules it belongs to (0 = A). */
  schedule: number;
  /** The quantity as the charts name it: `lr`, `momentum`, `beta1`, `beta2`, `weight decay`. */
  quantity: string;
  group: number;
  label: string;
  values: Float64Array;
}

const QUANTITIES: { name: string; prefix: string; pick: (g: SimulatedGroup, beta1: boolean) => Float64Array | undefined }[] = [
  { name: "lr", prefix: "lr", pick: (g) => g.lr },
  { name: "momentum", prefix: "momentum", pick: (g, beta1) => (beta1 ? undefined : g.momentum) },
  { name: "beta1", prefix: "beta1", pick: (g, beta1) => (beta1 ? g.momentum : undefined) },
  { name: "beta2", prefix: "beta2", pick: (g) => g.beta2 },
  { name: "weight decay", prefix: "weight_decay", pick: (g) => g.weightDecay },
];

/** Schedule `index`'s series in the CLI's column order (a group's momentum is `beta1` where the group has `betas`), each label after `prefix`. */
export function columnsOf(sim: Simulation, schedule: Schedule, index = 0, prefix = ""): Column[] {
  return QUANTITIES.flatMap(({ name, prefix: p, pick }) =>
    sim.groups.flatMap((g, i) => {
      const values = pick(g, schedule.groups?.[i]?.betas !== undefined);
      return values ? [{ schedule: index, quantity: name, group: i, label: `${prefix}${p}_${i}`, values }] : [];
    }),
  );
}

/** The CSV rows kept in the page: every step up to this many, else every k-th step (and the last). */
export const CSV_ROWS = 100_000;

/** `step,lr_0,...` then one row per step, numbers in their shortest exact form; `every` keeps steps 0, every, 2*every, ... and the last. */
export function toCsv(steps: number, columns: Column[], every = 1): string {
  const lines = [["step", ...columns.map((c) => c.label)].join(",")];
  for (let t = 0; t <= steps; t += every) lines.push(row(t, columns));
  if (steps % every !== 0) lines.push(row(steps, columns));
  return `${lines.join("\n")}\n`;
}

const row = (t: number, columns: Column[]): string => [t, ...columns.map((c) => String(c.values[t]))].join(",");

/** `{ type, params }`, as createScheduler takes it. */
export const configJson = ({ type, params }: Schedule): string => JSON.stringify({ type, params }, null, 2);

/** The `"scheduler"` section of a ds_config.json, for DeepSpeed's types. */
export const dsConfigSection = ({ type, params }: Schedule): string => JSON.stringify({ scheduler: { type, params } }, null, 2);

type Config = { type: string; params?: Record<string, unknown> };
const isConfig = (v: unknown): v is Config => typeof v === "object" && v !== null && typeof (v as Config).type === "string";

/** `step_size` -> `stepSize`, PyTorch's `T_max` -> `tMax`, `T_0` -> `t0` (the inverse of the library's Python names). */
const camelCase = (key: string): string => key.replace(/^[A-Z](?=_)/, (c) => c.toLowerCase()).replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

function tsValue(value: unknown, asClass: boolean): string {
  if (isConfig(value) && asClass) return tsClass(value) ?? tsValue(value, false);
  if (Array.isArray(value)) return `[${value.map((v) => tsValue(v, asClass)).join(", ")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${tsValue(v, asClass)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** The library's class for a type (its `definition.type`), if it exports one. */
function classNameOf(type: string): string | undefined {
  return Object.entries(library).find(([, v]) => typeof v === "function" && (v as { definition?: { type?: string } }).definition?.type === type)?.[0];
}

function tsClass({ type, params = {} }: Config): string | undefined {
  const name = classNameOf(type);
  if (name === undefined) return undefined;
  const options = Object.fromEntries(Object.entries(params).map(([k, v]) => [camelCase(k), v]));
  return `new ${name}(optimizer, ${tsValue(options, true)})`;
}

/** `createScheduler(optimizer, { ... })`, and `new Class(optimizer, { camelCase options })` where every schedule in it has a class. */
export function typescriptLines(schedule: Schedule): string {
  const config = { type: schedule.type, params: schedule.params };
  const lines = [`import { createScheduler } from "lr-schedulers";`, `const scheduler = createScheduler(optimizer, ${tsValue(config, false)});`];
  const classNames = new Set<string>();
  const collect = (v: unknown): boolean => {
    if (Array.isArray(v)) return v.every(collect);
    if (isConfig(v)) {
      const name = classNameOf(v.type);
      if (name) classNames.add(name);
      return name !== undefined && Object.values(v.params ?? {}).every(collect);
    }
    return true;
  };
  if (collect(config)) lines.push("", "// or, with the classes:", `import { ${[...classNames].sort().join(", ")} } from "lr-schedulers";`, `const scheduler = ${tsClass(config)};`);
  return lines.join("\n");
}

function pyValue(value: unknown): string {
  if (isConfig(value)) return pythonCall(value);
  if (value === null) return "None";
  if (value === true || value === false) return value ? "True" : "False";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : `float("${value > 0 ? "inf" : value < 0 ? "-inf" : "nan"}")`;
  if (Array.isArray(value)) return `[${value.map(pyValue).join(", ")}]`;
  if (typeof value === "object") return `{${Object.entries(value as object).map(([k, v]) => `${JSON.stringify(k)}: ${pyValue(v)}`).join(", ")}}`;
  return JSON.stringify(value);
}

/** Where each family's reference lives, and whether it takes the optimizer first. */
const PYTHON: Record<string, (type: string) => { callee: string; optimizer: boolean }> = {
  torch: (t) => ({ callee: `torch.optim.lr_scheduler.${t}`, optimizer: true }),
  transformers: (t) => ({ callee: `transformers.${t}`, optimizer: true }),
  deepspeed: (t) => ({ callee: `deepspeed.runtime.lr_schedules.${t}`, optimizer: true }),
  megatron: (t) => ({ callee: `megatron.core.optimizer_param_scheduler.${t}`, optimizer: true }),
  bionemo: (t) => ({ callee: `bionemo.llm.model.lr_scheduler.${t}`, optimizer: true }),
  timm: (t) => ({ callee: `timm.scheduler.${t}`, optimizer: true }),
  keras: (t) => (t === "keras.ReduceLROnPlateau" ? { callee: "keras.callbacks.ReduceLROnPlateau", optimizer: false } : { callee: `keras.optimizers.schedules.${t}`, optimizer: false }),
  optax: (t) => ({ callee: `optax.${t}`, optimizer: false }),
};

function pythonCall({ type, params = {} }: Config): string {
  const family = types().get(type)?.family ?? "";
  const where = PYTHON[family];
  if (where === undefined) return `${type}(...)`;
  const { callee, optimizer } = where(type);
  const kwargs = Object.entries(params);
  // get_scheduler(name, optimizer, ...): the schedule's name comes first.
  const first = type === "get_scheduler" && "name" in params ? [pyValue(params.name), "optimizer"] : optimizer ? ["optimizer"] : [];
  const args = [...first, ...kwargs.filter(([k]) => !(type === "get_scheduler" && k === "name")).map(([k, v]) => `${k}=${pyValue(v)}`)];
  const flat = `${callee}(${args.join(", ")})`;
  return flat.length <= 100 ? flat : `${callee}(\n    ${args.join(",\n    ")},\n)`;
}

/** The reference framework's own line (SambaFlow: its command-line flags; the library's extensions have none). */
export function pythonLine(schedule: Schedule): string {
  const family = types().get(schedule.type)?.family;
  if (family === "sambaflow") {
    const flags = Object.entries(schedule.params).map(([k, v]) => `--${k} ${Array.isArray(v) ? v.join(" ") : String(v)}`);
    return `# SambaFlow's command line\n--lr_schedule ${schedule.type} ${flags.join(" ")}`.trimEnd();
  }
  if (family === "extensions" || PYTHON[family ?? ""] === undefined) return `# ${schedule.type} is lr-schedulers' own: it has no Python reference.`;
  return pythonCall(schedule);
}
