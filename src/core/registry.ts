/**
 * The registry maps a type name (the reference's own class or function name) to a factory.
 * Built-in families contribute tables that `createScheduler` reads; users add their own
 * subclasses with `registerScheduler`. Nothing registers itself on import, so importing one
 * scheduler class never pulls in the others.
 */
import { LRSchedulerError } from "./errors.js";
import type { Optimizer } from "./optimizer.js";
import type { LRScheduler, SchedulerClass } from "./scheduler.js";

/** `{ type, params }`: the reference's name and its keyword arguments (snake_case or camelCase). */
export interface SchedulerConfig {
  type: string;
  params?: Record<string, unknown>;
}

/** Builds a sub-scheduler from a config on the same optimizer (used by composites such as SequentialLR). */
export type BuildScheduler = (config: unknown) => LRScheduler;

/** How the registry constructs one type. */
export interface SchedulerFactory {
  readonly type: string;
  create(optimizer: Optimizer, params: Record<string, unknown> | undefined, build: BuildScheduler): LRScheduler;
}

/** A class that builds itself from params with nested configs (composites). */
interface ComposableClass extends SchedulerClass {
  fromParams(optimizer: Optimizer, params: Record<string, unknown> | undefined, build: BuildScheduler): LRScheduler;
}

/** The factory of a scheduler class: `new Class(optimizer, params)`, or `Class.fromParams` when it has one. */
export function classFactory(cls: SchedulerClass): SchedulerFactory {
  const composable = cls as Partial<ComposableClass>;
  return {
    type: cls.schedulerType,
    create: (optimizer, params, build) =>
      composable.fromParams ? composable.fromParams(optimizer, params, build) : new cls(optimizer, params as never),
  };
}

const userFactories = new Map<string, SchedulerFactory>();

/** Types registered by the user, for `createScheduler`. */
export function registeredFactories(): ReadonlyMap<string, SchedulerFactory> {
  return userFactories;
}

/**
 * Registers a scheduler class (or factory) under its `schedulerType` (or `type`) so that
 * `createScheduler(optimizer, { type, params })` can build it.
 * @throws LRSchedulerError if the name is taken and `replace` is not set.
 * @example
 * registerScheduler(HalvingLR);
 * createScheduler(optimizer, { type: "HalvingLR", params: { every: 10 } });
 */
export function registerScheduler(cls: SchedulerClass | SchedulerFactory, { replace = false } = {}): void {
  const factory = "create" in cls ? cls : classFactory(cls);
  if (typeof factory.type !== "string" || factory.type === "") {
    throw new LRSchedulerError("registerScheduler: the class needs a static schedulerType (a non-empty string).");
  }
  if (userFactories.has(factory.type) && !replace) {
    throw new LRSchedulerError(`registerScheduler: "${factory.type}" is already registered; pass { replace: true } to replace it.`);
  }
  userFactories.set(factory.type, factory);
}

/** Removes a user registration; returns whether there was one. */
export function unregisterScheduler(type: string): boolean {
  return userFactories.delete(type);
}
