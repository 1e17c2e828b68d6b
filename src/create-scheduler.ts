/**
 * `createScheduler(optimizer, { type, params })`: builds any built-in or registered scheduler from
 * the reference's own names. A whole ds_config.json is accepted too: its `"scheduler"` section is read
 * and everything else is ignored.
 */
import { InvalidConfigError, LRSchedulerError, UnknownSchedulerTypeError } from "./core/errors.js";
import type { Optimizer } from "./core/optimizer.js";
import { registeredFactories, type SchedulerConfig, type SchedulerFactory } from "./core/registry.js";
import type { LRScheduler } from "./core/scheduler.js";
import { builtinFactories } from "./schedulers/builtins.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Reads `{ type, params }`, or the `scheduler` section of a ds_config.json. */
function readConfig(config: unknown): { type: string; params: Record<string, unknown> | undefined } {
  if (!isObject(config)) throw new InvalidConfigError("config", config, "an object { type, params } or a ds_config.json object");
  let section = config;
  let where = "";
  if (!("type" in config)) {
    if (!("scheduler" in config)) {
      throw new InvalidConfigError("type", undefined, 'a scheduler type name (or, for a ds_config.json, a "scheduler": { "type", "params" } section)');
    }
    if (!isObject(config.scheduler)) throw new InvalidConfigError("scheduler", config.scheduler, 'an object { "type": ..., "params": {...} }');
    section = config.scheduler;
    where = "scheduler.";
  }
  const { type, params } = section;
  if (typeof type !== "string" || type === "") throw new InvalidConfigError(`${where}type`, type, "a scheduler type name (a non-empty string)");
  if (params !== undefined && params !== null && !isObject(params)) throw new InvalidConfigError(`${where}params`, params, "an object of keyword arguments");
  const extra = Object.keys(section).filter((k) => k !== "type" && k !== "params");
  if (where === "" && extra.length > 0) throw new InvalidConfigError(extra[0]!, section[extra[0]!], 'absent: a config has only "type" and "params"');
  return { type, params: (params ?? undefined) as Record<string, unknown> | undefined };
}

function findFactory(type: string): SchedulerFactory {
  const factory = registeredFactories().get(type) ?? (Object.prototype.hasOwnProperty.call(builtinFactories(), type) ? builtinFactories()[type] : undefined);
  if (!factory) throw new UnknownSchedulerTypeError(type, knownSchedulerTypes());
  return factory;
}

/** Every type name `createScheduler` accepts: built-in and registered, sorted. */
export function knownSchedulerTypes(): string[] {
  return [...new Set([...Object.keys(builtinFactories()), ...registeredFactories().keys()])].sort();
}

/**
 * Builds a scheduler from the reference's type name and keyword arguments.
 * @param optimizer any `{ paramGroups }` object
 * @param config `{ type, params }` (params snake_case as in Python, or camelCase), or a whole ds_config.json
 * @throws UnknownSchedulerTypeError, InvalidConfigError, InvalidOptionError
 * @example
 * const scheduler = createScheduler(optimizer, { type: "StepLR", params: { step_size: 30, gamma: 0.1 } });
 */
export function createScheduler(optimizer: Optimizer, config: SchedulerConfig | Record<string, unknown>): LRScheduler {
  const { type, params } = readConfig(config);
  const factory = findFactory(type);
  const scheduler = factory.create(optimizer, params, (sub) => createScheduler(optimizer, sub as SchedulerConfig));
  if (!scheduler || typeof scheduler.step !== "function") throw new LRSchedulerError(`The factory registered as "${type}" did not return a scheduler.`);
  return scheduler;
}
