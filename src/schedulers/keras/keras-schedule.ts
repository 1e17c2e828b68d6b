/**
 * What the Keras schedules share: they are told the step count (the optimizer's `iterations`), write
 * one absolute value into every group (a Keras optimizer has one learning rate), take Keras' keyword
 * names (snake_case or camelCase) with an optional `name`, and serialise to Keras' own config dict
 * (`getConfig()`, the keys and values of `get_config()`), which `createScheduler` reads back as
 * `{ class_name, config }`.
 */
import * as z from "zod/mini";
import { stepCounts } from "../../core/counter.js";
import { defineSchedule, type ScheduleClass } from "../../core/define.js";
import type { LRScheduler } from "../../core/engine.js";
import type { Optimizer } from "../../core/optimizer.js";
import { toSnakeCase, type OptionFields, type OptionsOf } from "../../core/options.js";
import type { ScheduleDefinition } from "../../core/schedule.js";
import { withDefault } from "../../core/schema.js";

/** A value of a Keras config dict (what `get_config()` holds for the built-in schedules). */
export type KerasConfigValue = number | boolean | string | null | readonly number[];

/** A Keras `get_config()` dict: the constructor's keyword arguments under Keras' names. */
export type KerasConfig = Readonly<Record<string, KerasConfigValue>>;

/** A Keras schedule: a scheduler that also gives Keras' config dict. */
export interface KerasSchedule<C = KerasConfig> {
  /** Keras' `get_config()`: the constructor's keywords under Keras' names, defaults filled in, `name` included. */
  getConfig(): C;
}

/** What `keras.optimizers.schedules.serialize(schedule)` writes; `createScheduler` reads it back. */
export type KerasSerialized<C = KerasConfig> = {
  module: "keras.optimizers.schedules";
  class_name: string;
  config: C;
  registered_name: null;
};

/** A string (Keras' `name`, the callback's `monitor` and `mode`). */
export const str = (expected = "a string") => z.custom<string>((v) => typeof v === "string", { error: expected });

/** Keras' `name` keyword: a string, or null (Python's None); Keras' own default otherwise. It changes no value. */
export const nameOption = (keras: string) => ({ name: withDefault(z.nullable(str("a string or null")), keras) });

/** The lr of every group is the schedule's value: a Keras optimizer has one learning rate. */
export const everyGroup = (_i: number, s: number): number => s;

/** `stepSize` -> `step_size`, as a type (Keras' option names have no digits). */
type SnakeCase<S extends string> = S extends `${infer H}${infer T}` ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<T>}` : S;

/** The `get_config()` dict of a schedule with these options: each option under its Keras name, in the schema's order. */
export type KerasConfigOf<O> = { readonly [K in keyof O & string as SnakeCase<K>]: O[K] };

/** What a Keras schedule declares: `defineSchedule`'s definition without what every Keras schedule shares. */
export type KerasDefinition<F extends OptionFields, T extends string> = Omit<ScheduleDefinition<F, T, "keras">, "family" | "counter" | "base">;

/**
 * `defineSchedule` for a Keras schedule: told the step count, writing absolute values, with
 * `getConfig()` returning Keras' `get_config()` dict, which is the options under their Keras names
 * (snake_case), in the order the schema declares them, lists copied.
 */
export function defineKerasSchedule<F extends OptionFields, T extends string>(
  definition: KerasDefinition<F, T>,
): ScheduleClass<F, LRScheduler<OptionsOf<F>> & KerasSchedule<KerasConfigOf<OptionsOf<F>>>, T, "keras"> {
  type Config = KerasConfigOf<OptionsOf<F>>;
  const full: ScheduleDefinition<F, T, "keras"> = { ...definition, family: "keras", counter: stepCounts, base: "absolute" };
  const Base = defineSchedule(full) as unknown as new (optimizer: Optimizer, options?: unknown) => LRScheduler<OptionsOf<F>>;
  const Keras = class extends Base implements KerasSchedule<Config> {
    getConfig(): Config {
      const entries = Object.entries(this.options).map(([key, value]) => [toSnakeCase(key), Array.isArray(value) ? [...value] : value]);
      return Object.fromEntries(entries) as Config;
    }
  };
  Object.defineProperty(Keras, "name", { value: definition.type });
  return Keras as unknown as ScheduleClass<F, LRScheduler<OptionsOf<F>> & KerasSchedule<Config>, T, "keras">;
}

/**
 * Keras' `keras.optimizers.schedules.serialize(schedule)`: `{ module, class_name, config,
 * registered_name }`, as a Keras model's optimizer config holds its `learning_rate`.
 * `createScheduler(optimizer, serialized)` builds the schedule again.
 * @example
 * const schedule = new ExponentialDecay(optimizer, { initial_learning_rate: 0.1, decay_steps: 1000, decay_rate: 0.96 });
 * const json = JSON.stringify(serializeKerasSchedule(schedule));
 * const again = createScheduler(otherOptimizer, JSON.parse(json));
 */
export function serializeKerasSchedule<C>(schedule: LRScheduler & KerasSchedule<C>): KerasSerialized<C> {
  return { module: "keras.optimizers.schedules", class_name: schedule.type, config: schedule.getConfig(), registered_name: null };
}
