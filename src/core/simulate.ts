/**
 * `simulate(config, { steps })`: a schedule previewed without training. The scheduler is built by
 * `createScheduler` on a synthetic optimizer, stepped `steps` times, and every group's values are
 * recorded into typed arrays (index t = after t `step()` calls; index 0 = right after construction).
 */
import { createScheduler } from "../create-scheduler.js";
import { InvalidOptionError } from "./errors.js";
import type { Optimizer, ParamGroup } from "./optimizer.js";
import { registeredFactories, type SchedulerConfig } from "./registry.js";
import { builtinFactories } from "../schedulers/builtins.js";

/** The most steps one simulation records (about 0.8 GB of lr values per group beyond this). */
export const MAX_SIMULATED_STEPS = 100_000_000;

/** Built-in types whose `step()` takes a metric instead of a step counter. */
const METRIC_DRIVEN_TYPES: ReadonlySet<string> = new Set(["ReduceLROnPlateau", "get_reduce_on_plateau_schedule"]);

export interface SimulateOptions {
  /** How many `step()` calls to make; each series holds `steps + 1` values. */
  steps: number;
  /** Each group's initial lr: one value, or one per group (the group count follows). Default 1, so the plot shows the schedule's factor; a ds_config.json's `optimizer.params.lr` when it has one. */
  lr?: number | readonly number[];
  /** The initial param groups in full (momentum, betas, weightDecay, Megatron overrides...); their lr is replaced by `lr` when both are given. */
  groups?: readonly Partial<ParamGroup>[];
  /** The optimizer's constructor keywords, for schedules that read them (CyclicLR, transformers' polynomial decay). Default: the first group's values. */
  defaults?: Record<string, unknown>;
  /** For a schedule that follows a metric (ReduceLROnPlateau): `metrics[k - 1]` is given to the k-th `step()` call. Refused for built-in step-driven schedules. */
  metrics?: ArrayLike<number>;
}

/** The values of one param group at every step. */
export interface SimulatedGroup {
  lr: Float64Array;
  /** `momentum`, or `betas[0]` for Adam-style groups; present when the schedule sets it. */
  momentum?: Float64Array;
  /** Present when the schedule sets the weight decay (Megatron). */
  weightDecay?: Float64Array;
}

export interface Simulation {
  /** The scheduler type that ran, e.g. `"StepLR"`. */
  type: string;
  /** The number of `step()` calls; every series has `steps + 1` values. */
  steps: number;
  /** One entry per param group. */
  groups: SimulatedGroup[];
}

type Reader = (g: ParamGroup) => unknown;
const readMomentum: Reader = (g) => (typeof g.momentum === "number" ? g.momentum : g.betas?.[0]);
const readWeightDecay: Reader = (g) => g.weightDecay;

/** A series to fill when the group holds that value after construction. */
function recordIfPresent(read: Reader, group: ParamGroup, steps: number): Float64Array | undefined {
  return typeof read(group) === "number" ? new Float64Array(steps + 1) : undefined;
}

/** Records momentum and weight decay at step `t`, for the groups that hold them. */
function recordExtras(groups: ParamGroup[], momentum: (Float64Array | undefined)[], weightDecay: (Float64Array | undefined)[], t: number): void {
  for (let i = 0; i < groups.length; i++) {
    const m = momentum[i];
    if (m) m[t] = readMomentum(groups[i]!) as number;
    const w = weightDecay[i];
    if (w) w[t] = groups[i]!.weightDecay as number;
  }
}

/** Keeps a series only if the scheduler set it: absent from the input group, or different from it at some step. */
function wasSet(series: Float64Array | undefined, initial: unknown): Float64Array | undefined {
  if (!series) return undefined;
  if (typeof initial !== "number") return series;
  for (let t = 0; t < series.length; t++) if (!Object.is(series[t], initial)) return series;
  return undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The optimizer hyper-parameters of a ds_config.json (`optimizer.params`), camelCase, or undefined. */
function dsConfigGroup(config: unknown): Partial<ParamGroup> | undefined {
  if (!isObject(config) || "type" in config || !isObject(config.optimizer) || !isObject(config.optimizer.params)) return undefined;
  const params = config.optimizer.params;
  const group: Partial<ParamGroup> = {};
  if (typeof params.lr === "number") group.lr = params.lr;
  if (typeof params.momentum === "number") group.momentum = params.momentum;
  if (Array.isArray(params.betas) && params.betas.every((b) => typeof b === "number")) group.betas = [...(params.betas as number[])];
  if (typeof params.weight_decay === "number") group.weightDecay = params.weight_decay;
  return group;
}

function schedulerType(config: unknown): string | undefined {
  if (!isObject(config)) return undefined;
  const section = "type" in config ? config : config.scheduler;
  return isObject(section) && typeof section.type === "string" ? section.type : undefined;
}

/** A deep copy, so that the caller's objects are never written; functions and the like are refused. */
function copyOf<T>(value: T, option: string): T {
  try {
    return structuredClone(value);
  } catch {
    throw new InvalidOptionError("simulate", option, value, "plain data (numbers, strings, lists, objects)");
  }
}

/** Builds the synthetic optimizer's groups from `lr` and `groups`. @throws InvalidOptionError */
function initialGroups(options: SimulateOptions, fromConfig: Partial<ParamGroup> | undefined): ParamGroup[] {
  const { lr, groups } = options;
  if (groups !== undefined && (!Array.isArray(groups) || groups.length === 0 || !groups.every(isObject))) {
    throw new InvalidOptionError("simulate", "groups", groups, "a non-empty list of param group objects");
  }
  const lrs = lr === undefined ? undefined : Array.isArray(lr) ? lr : [lr];
  if (lrs !== undefined && (lrs.length === 0 || !lrs.every((v) => typeof v === "number" && Number.isFinite(v)))) {
    throw new InvalidOptionError("simulate", "lr", lr, "a finite number or a non-empty list of them (one per param group)");
  }
  if (lrs !== undefined && groups !== undefined && lrs.length !== 1 && lrs.length !== groups.length) {
    throw new InvalidOptionError("simulate", "lr", lr, `a single value or ${groups.length} values (one per group of "groups")`);
  }
  const count = groups?.length ?? lrs?.length ?? 1;
  return Array.from({ length: count }, (_, i) => {
    const group = copyOf({ ...fromConfig, ...groups?.[i] }, `groups[${i}]`) as ParamGroup;
    const given = lrs?.[lrs.length === 1 ? 0 : i];
    if (given !== undefined) group.lr = given;
    else if (group.lr === undefined) group.lr = 1;
    return group;
  });
}

/** A built-in type that the user has not replaced with a registration of their own. */
function isBuiltin(type: string): boolean {
  return Object.prototype.hasOwnProperty.call(builtinFactories(), type) && !registeredFactories().has(type);
}

function checkSteps(steps: unknown): number {
  if (typeof steps !== "number" || !Number.isInteger(steps) || steps < 0 || steps > MAX_SIMULATED_STEPS) {
    throw new InvalidOptionError("simulate", "steps", steps, `an integer from 0 to ${MAX_SIMULATED_STEPS}`);
  }
  return steps;
}

function checkMetrics(type: string | undefined, metrics: ArrayLike<number> | undefined, steps: number, builtin: boolean): void {
  const metricDriven = type !== undefined && METRIC_DRIVEN_TYPES.has(type);
  if (metrics === undefined) {
    if (metricDriven) {
      throw new InvalidOptionError("simulate", "metrics", metrics, `a list of ${steps} metric values: ${type} follows a metric, not the step count`);
    }
    return;
  }
  if (!metricDriven && builtin) throw new InvalidOptionError("simulate", "metrics", "(list)", `absent: ${type} does not take a metric`);
  if (typeof metrics !== "object" || metrics === null || typeof metrics.length !== "number" || metrics.length < steps) {
    throw new InvalidOptionError("simulate", "metrics", metrics, `a list of at least ${steps} numbers (one per step)`);
  }
  for (let k = 0; k < steps; k++) {
    if (typeof metrics[k] !== "number" || Number.isNaN(metrics[k])) throw new InvalidOptionError("simulate", `metrics[${k}]`, metrics[k], "a number");
  }
}

/**
 * Runs a schedule on a synthetic optimizer and records every group's lr (and momentum / weight
 * decay where the schedule sets them) after construction and after each of `steps` calls to `step()`.
 * @param config `{ type, params }` or a whole ds_config.json, as for `createScheduler`
 * @throws InvalidOptionError for bad simulate options, and whatever `createScheduler` or `step()` throw
 * @example
 * const { groups } = simulate({ type: "StepLR", params: { step_size: 30 } }, { steps: 100, lr: 0.1 });
 * groups[0].lr[45]; // 0.01
 */
export function simulate(config: SchedulerConfig | Record<string, unknown>, options: SimulateOptions): Simulation {
  if (!isObject(options)) throw new InvalidOptionError("simulate", "options", options, "an object { steps, lr?, groups?, defaults?, metrics? }");
  const steps = checkSteps(options.steps);
  const inputs = initialGroups(options, dsConfigGroup(config));
  if (options.defaults !== undefined && !isObject(options.defaults)) {
    throw new InvalidOptionError("simulate", "defaults", options.defaults, "an object of optimizer keywords");
  }
  const optimizer: Optimizer = {
    paramGroups: structuredClone(inputs),
    defaults: copyOf(options.defaults ?? { ...inputs[0] }, "defaults"),
  };
  const scheduler = createScheduler(optimizer, config);
  const type = schedulerType(config);
  checkMetrics(type, options.metrics, steps, type !== undefined && isBuiltin(type));
  const groups = optimizer.paramGroups;
  const lr = groups.map(() => new Float64Array(steps + 1));
  const momentum = groups.map((g, i) => recordIfPresent(readMomentum, g, steps));
  const weightDecay = groups.map((g, i) => recordIfPresent(readWeightDecay, g, steps));
  const metrics = options.metrics;
  const extras = momentum.some((m) => m !== undefined) || weightDecay.some((w) => w !== undefined);
  for (let t = 0; t <= steps; t++) {
    if (t > 0) {
      if (metrics === undefined) scheduler.step();
      else scheduler.step(metrics[t - 1]);
    }
    for (let i = 0; i < groups.length; i++) lr[i]![t] = groups[i]!.lr;
    if (extras) recordExtras(groups, momentum, weightDecay, t);
  }
  return {
    type: scheduler.type,
    steps,
    groups: lr.map((series, i) => {
      const out: SimulatedGroup = { lr: series };
      const m = wasSet(momentum[i], readMomentum(inputs[i]!));
      const w = wasSet(weightDecay[i], inputs[i]!.weightDecay);
      if (m) out.momentum = m;
      if (w) out.weightDecay = w;
      return out;
    }),
  };
}
