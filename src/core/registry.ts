/**
 * The registry maps a type name (the reference's own class or function name) to a factory.
 * Built-in families contribute tables that `createScheduler` reads; users add their own with
 * `registerScheduler`. Nothing registers itself on import, so importing one scheduler class never
 * pulls in the others.
 */
import type { AnyScheduleClass } from "./define.js";
import type { ScheduleDefinition } from "./schedule.js";
import { detach } from "./chain.js";
import { internal, type LRScheduler } from "./engine.js";
import { LRSchedulerError } from "./errors.js";
import type { Optimizer } from "./optimizer.js";
import { spellingsOf } from "./options.js";

/** `{ type, params }`: the reference's name and its keyword arguments (snake_case or camelCase). */
export interface SchedulerConfig {
  type: string;
  params?: Record<string, unknown>;
}

/** Builds a sub-scheduler from a config on the same optimizer (composites' `{ type, params }` children); `path` names it in errors. */
export type BuildScheduler = (config: unknown, path: string) => LRScheduler;

/** How the registry constructs one type. */
export interface SchedulerFactory {
  /** The name `createScheduler` takes, e.g. `"StepLR"` or `"keras.ReduceLROnPlateau"`. */
  readonly type: string;
  /** The family (`createScheduler` also takes `"<family>.<name>"`). */
  readonly family?: string;
  /** The schedule behind the factory, when it builds one definition (its option schemas, for `configSchema`). */
  readonly definition?: ScheduleDefinition;
  create(optimizer: Optimizer, params: Record<string, unknown> | undefined, build: BuildScheduler): LRScheduler;
}

/** A `{ type, params }` config (a scheduler instance has a `type` too, and is passed on as it is). */
const isConfig = (v: unknown) => typeof v === "object" && v !== null && !Array.isArray(v) && !(internal in v) && ("type" in v || "class_name" in v);

/**
 * The factory of a class made by `defineSchedule`: `new Class(optimizer, params)`, where the options
 * that hold sub-schedulers may also be `{ type, params }` configs, built first on the same optimizer.
 */
export function classFactory(cls: AnyScheduleClass): SchedulerFactory {
  const definition = cls.definition;
  return {
    type: definition.type,
    family: definition.family,
    definition,
    create(optimizer, params, build) {
      const childOptions = definition.childOptions ?? [];
      if (params === undefined || childOptions.length === 0) return new cls(optimizer, params as never) as LRScheduler;
      const resolved: Record<string, unknown> = { ...params };
      // Sub-schedulers built from configs join the optimizer until the composite adopts them: a refused
      // composite takes them off again, so that no scheduler of a refused call stays attached to it.
      const built: LRScheduler[] = [];
      const make = (config: unknown, path: string) => {
        const child = build(config, path);
        built.push(child);
        return child;
      };
      try {
        for (const key of Object.keys(params)) {
          const canonical = childOptions.find((c) => spellingsOf(c).includes(key));
          if (canonical === undefined) continue;
          const value = params[key];
          if (Array.isArray(value)) resolved[key] = value.map((c, i) => (isConfig(c) ? make(c, `${key}[${i}]`) : c));
          else if (isConfig(value)) resolved[key] = make(value, key);
        }
        return new cls(optimizer, resolved as never) as LRScheduler;
      } catch (error) {
        for (const child of built) detach(optimizer, child);
        throw error;
      }
    },
  };
}

const userFactories = new Map<string, SchedulerFactory>();

/** Types registered by the user, for `createScheduler`. */
export function registeredFactories(): ReadonlyMap<string, SchedulerFactory> {
  return userFactories;
}

/**
 * Registers a scheduler class made by `defineSchedule` (or a factory) under its type, so that
 * `createScheduler(optimizer, { type, params })` can build it.
 * @throws LRSchedulerError if the name is taken and `replace` is not set.
 * @example
 * registerScheduler(HalvingLR);
 * createScheduler(optimizer, { type: "HalvingLR", params: { every: 10 } });
 */
export function registerScheduler(cls: AnyScheduleClass | SchedulerFactory, { replace = false } = {}): void {
  const factory = typeof cls === "object" && cls !== null && "create" in cls ? cls : typeof cls === "function" && "definition" in cls ? classFactory(cls) : undefined;
  if (factory === undefined || typeof factory.type !== "string" || factory.type === "") {
    throw new LRSchedulerError("registerScheduler: pass a class made by defineSchedule, or a factory { type, create }.", { code: "registration", where: "registerScheduler" });
  }
  if (userFactories.has(factory.type) && !replace) {
    throw new LRSchedulerError(`registerScheduler: "${factory.type}" is already registered; pass { replace: true } to replace it.`, { code: "registration", path: "type", where: "registerScheduler" });
  }
  userFactories.set(factory.type, factory);
}

/** Removes a user registration; returns whether there was one. */
export function unregisterScheduler(type: string): boolean {
  return userFactories.delete(type);
}
