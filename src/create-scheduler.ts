/**
 * `createScheduler(optimizer, config)`: builds any built-in or registered scheduler from the
 * reference's own names. It reads `{ type, params }`, a whole ds_config.json (its `"scheduler"`
 * section), or a Keras serialised schedule `{ class_name, config }`. Types are found by their bare
 * name (`"StepLR"`) where that is unambiguous, and always as `"<family>.<name>"` (`"torch.StepLR"`).
 */
import { MAX_NESTING } from "./core/checkpoint.js";
import type { LRScheduler } from "./core/engine.js";
import { InvalidConfigError, LRSchedulerError, UnknownSchedulerTypeError, prefixError } from "./core/errors.js";
import { restoreGroups, snapshotGroups } from "./core/groups.js";
import type { Optimizer } from "./core/optimizer.js";
import { closestName } from "./core/options.js";
import { registeredFactories, type SchedulerConfig, type SchedulerFactory } from "./core/registry.js";
import { builtinFactories } from "./schedulers/builtins.js";
import type { SchedulerOf, SchedulerType, TypedConfig, UntypedConfig } from "./config-types.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

interface ReadConfig {
  type: string;
  params: Record<string, unknown> | undefined;
  /** Where `type` was read, for errors: `"type"`, `"scheduler.type"`, `"class_name"`. */
  at: string;
  /** The family the config's format implies (a Keras dict names a Keras class). */
  family?: string;
}

/** Reads `{ type, params }`, the `scheduler` section of a ds_config.json, or Keras' `{ class_name, config }`. */
function readConfig(config: unknown, path: string): ReadConfig {
  if (!isObject(config)) throw new InvalidConfigError(path || "config", config, "an object { type, params }, a ds_config.json object, or a Keras { class_name, config }");
  const at = (key: string) => (path ? `${path}.${key}` : key);
  if (!("type" in config) && "class_name" in config) {
    const { class_name: name, config: params, ...rest } = config;
    if (typeof name !== "string" || name === "") throw new InvalidConfigError(at("class_name"), name, "a Keras schedule class name (a non-empty string)");
    if (params !== undefined && params !== null && !isObject(params)) throw new InvalidConfigError(at("config"), params, "an object of the schedule's config");
    const extra = Object.keys(rest).find((k) => !["module", "registered_name", "build_config"].includes(k));
    if (extra !== undefined) throw new InvalidConfigError(at(extra), rest[extra], 'absent: a Keras serialised schedule has "class_name" and "config"');
    return { type: name, params: (params ?? undefined) as Record<string, unknown> | undefined, at: at("class_name"), family: "keras" };
  }
  let section = config;
  let where = path;
  if (!("type" in config)) {
    if (!("scheduler" in config)) {
      throw new InvalidConfigError(at("type"), undefined, 'a scheduler type name (or, for a ds_config.json, a "scheduler": { "type", "params" } section)');
    }
    if (!isObject(config.scheduler)) throw new InvalidConfigError(at("scheduler"), config.scheduler, 'an object { "type": ..., "params": {...} }');
    section = config.scheduler;
    where = at("scheduler");
  }
  const inner = (key: string) => (where ? `${where}.${key}` : key);
  const { type, params } = section;
  if (typeof type !== "string" || type === "") throw new InvalidConfigError(inner("type"), type, "a scheduler type name (a non-empty string)");
  if (params !== undefined && params !== null && !isObject(params)) throw new InvalidConfigError(inner("params"), params, "an object of keyword arguments");
  const extra = Object.keys(section).filter((k) => k !== "type" && k !== "params");
  if (section === config && extra.length > 0) throw new InvalidConfigError(inner(extra[0]!), section[extra[0]!], 'absent: a config has only "type" and "params"');
  return { type, params: (params ?? undefined) as Record<string, unknown> | undefined, at: inner("type") };
}

interface TypeIndex {
  byName: Map<string, SchedulerFactory>;
  /** Bare names that more than one family uses (only their prefixed forms are accepted). */
  ambiguous: Set<string>;
}

let builtinIndex: TypeIndex | undefined;

/** Every built-in type under its own name, under `<family>.<name>`, and under its bare name where no other family has it. */
function indexOf(): TypeIndex {
  if (builtinIndex) return builtinIndex;
  const byName = new Map<string, SchedulerFactory>();
  const bare = new Map<string, SchedulerFactory[]>();
  for (const factory of builtinFactories()) {
    byName.set(factory.type, factory);
    if (factory.family === undefined) continue;
    const name = factory.type.startsWith(`${factory.family}.`) ? factory.type.slice(factory.family.length + 1) : factory.type;
    byName.set(`${factory.family}.${name}`, factory);
    bare.set(name, [...(bare.get(name) ?? []), factory]);
  }
  const ambiguous = new Set<string>();
  for (const [name, factories] of bare) {
    if (byName.has(name)) continue; // a type named exactly so (torch's ReduceLROnPlateau) keeps the bare name
    if (factories.length === 1) byName.set(name, factories[0]!);
    else ambiguous.add(name);
  }
  return (builtinIndex = { byName, ambiguous });
}

function findFactory({ type, at, family }: ReadConfig): SchedulerFactory {
  const user = registeredFactories().get(type);
  if (user) return user;
  const { byName } = indexOf();
  const found = (family !== undefined ? byName.get(`${family}.${type}`) : undefined) ?? byName.get(type);
  if (found) return found;
  const known = knownSchedulerTypes();
  throw new UnknownSchedulerTypeError(type, known, closestName(type, [...known, ...byName.keys()]), at);
}

/** Every type name `createScheduler` accepts (built-in and registered), sorted; each also works as `"<family>.<name>"`. */
export function knownSchedulerTypes(): string[] {
  return [...new Set([...builtinFactories().map((f) => f.type), ...registeredFactories().keys()])].sort();
}

/** The families of the built-in types, by type name. */
export function schedulerFamily(type: string): string | undefined {
  return indexOf().byName.get(type)?.family;
}

function create(optimizer: Optimizer, config: unknown, path: string, depth: number): LRScheduler {
  if (depth > MAX_NESTING) throw new InvalidConfigError(path || "config", "(nested)", `at most ${MAX_NESTING} levels of sub-schedulers deep`, "nesting-too-deep");
  const read = readConfig(config, path);
  const factory = findFactory(read);
  // A sub-scheduler's error is the composite's, at the child's path (`schedulers[1].gamma`).
  const build = (sub: unknown, at: string) => {
    // A sub-config past the limit is named by its own key (`schedule`), under its parents' prefixes.
    if (depth + 1 > MAX_NESTING) throw new InvalidConfigError(at, "(nested)", `at most ${MAX_NESTING} levels of sub-schedulers deep`, "nesting-too-deep");
    try {
      return create(optimizer, sub, "", depth + 1);
    } catch (error) {
      throw prefixError(error, `${at}.`, read.type);
    }
  };
  // Building sub-schedulers writes their values into the groups: a refused config puts the groups back.
  const before = depth === 0 && Array.isArray(optimizer?.paramGroups) ? snapshotGroups(optimizer.paramGroups) : undefined;
  try {
    const scheduler = factory.create(optimizer, read.params, build);
    if (typeof scheduler !== "object" || scheduler === null || typeof (scheduler as LRScheduler).step !== "function") {
      throw new LRSchedulerError(`The factory registered as "${read.type}" did not return a scheduler.`, { code: "registration", where: "createScheduler", path: read.at });
    }
    return scheduler;
  } catch (error) {
    if (before) restoreGroups(optimizer.paramGroups, before);
    throw error;
  }
}

/**
 * Builds a scheduler from the reference's type name and keyword arguments.
 * @param optimizer any `{ paramGroups }` object
 * @param config `{ type, params }` (params snake_case as in Python, or camelCase), a whole ds_config.json, or a Keras `{ class_name, config }`
 * @throws UnknownSchedulerTypeError, InvalidConfigError, InvalidOptionError
 * @example
 * const scheduler = createScheduler(optimizer, { type: "StepLR", params: { step_size: 30, gamma: 0.1 } });
 */
export function createScheduler<T extends SchedulerType>(optimizer: Optimizer, config: TypedConfig<T>): SchedulerOf<T>;
/** A config known only at run time (JSON, a ds_config.json, a Keras dict): the result is typed as any scheduler. */
export function createScheduler<const C extends SchedulerConfig | Record<string, unknown>>(optimizer: Optimizer, config: C & UntypedConfig<C>): LRScheduler;
export function createScheduler(optimizer: Optimizer, config: unknown): LRScheduler {
  return create(optimizer, config, "", 0);
}
