/**
 * `simulate(config, { steps })`: a schedule previewed without training. The scheduler is built by
 * `createScheduler` on a synthetic optimizer, stepped `steps` times, and every group's values are
 * recorded into typed arrays (index t = after t `step()` calls; index 0 = right after construction).
 */
import { createScheduler } from "./create-scheduler.js";
import { internal, LRScheduler } from "./core/engine.js";
import { InvalidOptionError } from "./core/errors.js";
import type { Optimizer, ParamGroup } from "./core/optimizer.js";
import type { SchedulerConfig } from "./core/registry.js";

/** The most steps one simulation records (about 0.8 GB of lr values per group beyond this). */
export const MAX_SIMULATED_STEPS = 100_000_000;

export interface SimulateOptions {
  /** How many `step()` calls to make; each series holds `steps + 1` values. */
  steps: number;
  /** Each group's initial lr: one value, or one per group (the group count follows). Default 1, so the plot shows the schedule's factor; a ds_config.json's `optimizer.params.lr` when it has one. */
  lr?: number | readonly number[];
  /** The initial param groups in full (momentum, betas, weightDecay, Megatron overrides...); their lr is replaced by `lr` when both are given. */
  groups?: readonly Partial<ParamGroup>[];
  /** The optimizer's constructor keywords, for schedules that read them (CyclicLR, transformers' polynomial decay). Default: the first group's values. */
  defaults?: Record<string, unknown>;
  /** For a schedule that follows a metric (ReduceLROnPlateau): `metrics[k - 1]` is given to the k-th `step()` call. Refused for schedules with a closed form. */
  metrics?: ArrayLike<number>;
}

/** The values of one param group at every step. */
export interface SimulatedGroup {
  lr: Float64Array;
  /** The momentum the schedule cycles (`momentum`, or `betas[0]` where it cycles beta1); present when the schedule sets it. */
  momentum?: Float64Array;
  /** `betas[1]`, present when the schedule sets it (DeepSpeed's OneCycle). */
  beta2?: Float64Array;
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

/** What a series reads from a group: the cycled momentum where the schedule writes it (`momentum` or `betas[0]`), `betas[1]`, the weight decay. */
function readersOf(scheduler: LRScheduler): { momentum: Reader; beta2: Reader; weightDecay: Reader } {
  const target = scheduler[internal].state.form.momentumTarget;
  return {
    momentum: target === "beta1" ? (g) => g.betas?.[0] : target === "momentum" ? (g) => g.momentum : (g) => (typeof g.momentum === "number" ? g.momentum : g.betas?.[0]),
    beta2: (g) => g.betas?.[1],
    weightDecay: (g) => g.weightDecay,
  };
}

/** Writes step `t`'s values into each group's series; a value left as it is (NaN, or none) repeats step `t - 1`'s. */
function record(series: readonly (Float64Array | undefined)[], values: Float64Array | undefined, t: number): void {
  for (let i = 0; i < series.length; i++) {
    const out = series[i];
    if (out === undefined) continue;
    const v = values === undefined ? NaN : values[i]!;
    out[t] = v === v ? v : out[t - 1]!;
  }
}

/** Keeps a series only if the scheduler set it: absent from the input group, or different from it at some step. */
function wasSet(series: Float64Array, initial: unknown): Float64Array | undefined {
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

function checkSteps(steps: unknown): number {
  if (typeof steps !== "number" || !Number.isInteger(steps) || steps < 0 || steps > MAX_SIMULATED_STEPS) {
    throw new InvalidOptionError("simulate", "steps", steps, `an integer from 0 to ${MAX_SIMULATED_STEPS}`);
  }
  return steps;
}

function checkMetrics(scheduler: LRScheduler, metrics: ArrayLike<number> | undefined, steps: number): void {
  const metricDriven = !scheduler.isClosedForm;
  if (metrics === undefined) {
    if (metricDriven) {
      throw new InvalidOptionError("simulate", "metrics", metrics, `a list of ${steps} metric values: ${scheduler.type} follows a metric, not the step count`);
    }
    return;
  }
  if (!metricDriven) throw new InvalidOptionError("simulate", "metrics", "(list)", `absent: ${scheduler.type} does not take a metric`);
  if (typeof metrics !== "object" || metrics === null || typeof metrics.length !== "number" || metrics.length < steps) {
    throw new InvalidOptionError("simulate", "metrics", metrics, `a list of at least ${steps} numbers (one per step)`);
  }
  for (let k = 0; k < steps; k++) {
    if (typeof metrics[k] !== "number" || Number.isNaN(metrics[k])) throw new InvalidOptionError("simulate", `metrics[${k}]`, metrics[k], "a number");
  }
}

/**
 * Runs a schedule on a synthetic optimizer and records every group's lr (and momentum, beta2 or weight
 * decay where the schedule sets them) after construction and after each of `steps` calls to `step()`.
 * @param config `{ type, params }`, a whole ds_config.json or a Keras `{ class_name, config }`, as for `createScheduler`
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
  checkMetrics(scheduler, options.metrics, steps);
  const groups = optimizer.paramGroups;
  const readers = readersOf(scheduler);
  const extras = (["momentum", "beta2", "weightDecay"] as const).map((name) => ({
    name,
    read: readers[name],
    series: groups.map((g) => (typeof readers[name](g) === "number" ? new Float64Array(steps + 1) : undefined)),
  }));
  // The channels some group has, the only ones read back at each step.
  const recorded = extras.filter((extra) => extra.series.some((series) => series !== undefined));
  const lr = groups.map(() => new Float64Array(steps + 1));
  const metrics = options.metrics;
  // A metric-driven schedule that is told the time (timm's PlateauLRScheduler: step(epoch, metric)) gets the step count too.
  const toldTheTime = scheduler[internal].state.form.plateau?.explicitEpoch === "expected";
  const readBack = (t: number) => {
    for (let i = 0; i < groups.length; i++) lr[i]![t] = groups[i]!.lr;
    for (const extra of recorded) {
      for (let i = 0; i < groups.length; i++) {
        const series = extra.series[i];
        if (series) series[t] = extra.read(groups[i]!) as number;
      }
    }
  };
  readBack(0);
  // A scheduler whose step() is its own (a registered factory may return one) is stepped.
  const enginesStep = scheduler.step === LRScheduler.prototype.step;
  if (metrics === undefined && enginesStep) {
    // A closed form: the values each step() would write, read straight from the schedule (a value
    // the schedule leaves, NaN, stays as it was), which is what stepping the private optimizer gives.
    const start = scheduler.lastEpoch;
    const valuesAt = scheduler[internal].previewer(start + steps);
    for (let t = 1; t <= steps; t++) {
      const values = valuesAt(start + t);
      record(lr, values.lr, t);
      for (const extra of recorded) record(extra.series, values[extra.name], t);
    }
  } else {
    for (let t = 1; t <= steps; t++) {
      if (metrics === undefined) scheduler.step();
      else if (toldTheTime) scheduler.step(t, metrics[t - 1]);
      else scheduler.step(metrics[t - 1]);
      readBack(t);
    }
  }
  return {
    type: scheduler.type,
    steps,
    groups: lr.map((series, i) => {
      const out: SimulatedGroup = { lr: series };
      for (const extra of extras) {
        const recorded = extra.series[i];
        const kept = recorded && wasSet(recorded, extra.read(inputs[i]!));
        if (kept) out[extra.name] = kept;
      }
      return out;
    }),
  };
}
