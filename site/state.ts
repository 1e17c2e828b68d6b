/**
 * The playground's whole state, and its two spellings: the URL hash (`#config=` +
 * encodeURIComponent(JSON.stringify(state))) and the configs a user pastes (`{ type, params }`, a
 * ds_config.json, a Keras `{ class_name, config }`).
 */
import type { ParamGroup } from "lr-schedulers";

/** The most steps the page simulates. */
export const MAX_STEPS = 1_000_000;
/** Schedules drawn at once: the first one and up to three to compare with it. */
export const MAX_SCHEDULES = 4;

/** One schedule: a `createScheduler` config plus the optimizer groups it runs on. */
export interface Schedule {
  type: string;
  params: Record<string, unknown>;
  /** The synthetic optimizer's param groups (`simulate`'s `groups`); absent: one group with lr 1. */
  groups?: Partial<ParamGroup>[];
  /** For metric-driven schedules: one metric per step, or "plateaus" (the docs' synthetic loss, the default). */
  metrics?: number[] | "plateaus";
}

/** The first schedule's keys at the top level (so that `{ type, params, steps }` is a whole state), then the others. */
export interface State extends Schedule {
  steps: number;
  compare?: Schedule[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const schedulesOf = (state: State): Schedule[] => [scheduleOf(state), ...(state.compare ?? [])];

function scheduleOf(value: Schedule): Schedule {
  const out: Schedule = { type: value.type, params: value.params };
  if (value.groups !== undefined) out.groups = value.groups;
  if (value.metrics !== undefined) out.metrics = value.metrics;
  return out;
}

/** The state of `schedules` over `steps` (the first schedule at the top level). */
export function stateOf(schedules: Schedule[], steps: number): State {
  const [first, ...rest] = schedules;
  const out: State = { ...scheduleOf(first!), steps };
  if (rest.length > 0) out.compare = rest.map(scheduleOf);
  return out;
}

export function encodeHash(state: State): string {
  return `#config=${encodeURIComponent(JSON.stringify(state))}`;
}

/** The state in a `#config=...` hash, or undefined when the hash holds none. @throws Error for a hash that is not a state */
export function decodeHash(hash: string): State | undefined {
  const match = /^#config=(.*)$/s.exec(hash);
  if (!match) return undefined;
  const value: unknown = JSON.parse(decodeURIComponent(match[1]!));
  if (!isObject(value) || typeof value.type !== "string") throw new Error('the #config= state must be an object with a "type"');
  const state = { ...value, params: isObject(value.params) ? value.params : {} } as State;
  if (state.steps === undefined) state.steps = 100;
  return state;
}

/** What `simulate` takes from a ds_config.json besides its scheduler section: `optimizer.params` as a param group. */
function dsConfigGroup(config: Record<string, unknown>): Partial<ParamGroup> | undefined {
  const params = isObject(config.optimizer) ? config.optimizer.params : undefined;
  if (!isObject(params)) return undefined;
  const group: Partial<ParamGroup> = {};
  if (typeof params.lr === "number") group.lr = params.lr;
  if (typeof params.momentum === "number") group.momentum = params.momentum;
  if (Array.isArray(params.betas) && params.betas.every((b) => typeof b === "number")) group.betas = [...(params.betas as number[])];
  if (typeof params.weight_decay === "number") group.weightDecay = params.weight_decay;
  return group;
}

/**
 * A pasted or dropped config as a schedule: `{ type, params }`, a whole playground state (its first
 * schedule and steps), a ds_config.json (its `scheduler` section on its `optimizer.params`), or a
 * Keras `{ class_name, config }` (found as `keras.<class_name>`, as `createScheduler` looks it up).
 * @throws Error naming what the text is not
 */
export function importConfig(text: string): { schedule: Schedule; steps?: number } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) throw new Error("expected a JSON object");
  if (typeof value.type === "string") {
    const schedule: Schedule = { type: value.type, params: isObject(value.params) ? value.params : {} };
    if (Array.isArray(value.groups)) schedule.groups = value.groups as Partial<ParamGroup>[];
    if (Array.isArray(value.metrics) || value.metrics === "plateaus") schedule.metrics = value.metrics as Schedule["metrics"];
    return typeof value.steps === "number" ? { schedule, steps: value.steps } : { schedule };
  }
  if (typeof value.class_name === "string") {
    return { schedule: { type: `keras.${value.class_name}`, params: isObject(value.config) ? value.config : {} } };
  }
  if (isObject(value.scheduler) && typeof value.scheduler.type === "string") {
    const schedule: Schedule = { type: value.scheduler.type, params: isObject(value.scheduler.params) ? value.scheduler.params : {} };
    const group = dsConfigGroup(value);
    if (group !== undefined) schedule.groups = [group];
    return { schedule };
  }
  throw new Error('expected { "type", "params" }, a ds_config.json with a "scheduler" section, or a Keras { "class_name", "config" }');
}

/** The docs' synthetic loss for metric-driven schedules: it improves for 20 steps, then stalls for 30, and again. */
export function plateaus(steps: number): number[] {
  return Array.from({ length: steps }, (_, k) => 1 - 0.2 * Math.floor(k / 50) - 0.01 * Math.min(k % 50, 20));
}
