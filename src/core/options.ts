/**
 * Options arrive camelCase from TypeScript and snake_case from Python configs (`step_size`,
 * `T_max`, `warmup_num_steps`). This module maps both spellings onto one schema key, rejects
 * unknown keys with the list of accepted ones, validates each option with its zod schema, and turns
 * the first zod issue into an InvalidOptionError that names the option as the caller spelled it.
 */
import type * as z from "zod/mini";
import { InvalidOptionError } from "./errors.js";

/** The camelCase key of an options schema written the Python way: `stepSize` -> `step_size`, `t0` -> `t_0`. */
export function toSnakeCase(camel: string): string {
  return camel.replace(/([A-Z])/g, "_$1").replace(/([a-z])(\d)/g, "$1_$2").toLowerCase();
}

/** The Python spelling of an option for messages: `stepSize` -> `step_size`, and PyTorch's `T_max`, `T_0`, `T_mult`. */
export function pythonName(camel: string): string {
  const snake = toSnakeCase(camel);
  return /^[a-z](?=[A-Z0-9])/.test(camel) ? snake[0]!.toUpperCase() + snake.slice(1) : snake;
}

/** One zod/mini schema per option, under its camelCase key. */
export type OptionFields = Record<string, z.ZodMiniType>;

/**
 * What an options schema must have: its per-option schemas under `shape`. A zod object
 * (`z.object({...})`) is one; the built-in schedules use `lazySchema(() => ({...}))`, a plain record
 * of fields, so that zod's object machinery (~1.2 KB gzipped) stays out of their bundles.
 */
export interface OptionsSchema<F extends OptionFields = OptionFields> {
  readonly shape: F;
}

/** The validated options of a schema: what the zod object of its fields would output. */
export type OptionsOf<S extends OptionsSchema> = z.output<z.ZodMiniObject<S["shape"]>>;

/** For each canonical key, the spellings accepted: itself and any snake_case form equal ignoring case and underscores. */
function canonicalKey(key: string, canonical: readonly string[]): string | undefined {
  if (canonical.includes(key)) return key;
  if (!key.includes("_")) return undefined;
  const folded = key.replace(/_/g, "").toLowerCase();
  return canonical.find((c) => c.toLowerCase() === folded);
}

/** Accepted option names, Python spelling first: `step_size (stepSize)`. */
export function describeAcceptedKeys(canonical: readonly string[]): string {
  return canonical.map((c) => (pythonName(c) === c ? c : `${pythonName(c)} (${c})`)).join(", ");
}

export interface NormalizedOptions {
  /** The options under their camelCase keys. */
  values: Record<string, unknown>;
  /** camelCase key -> the spelling the caller used, for error messages. */
  spelled: Record<string, string>;
}

/**
 * Maps the caller's keys onto the schema's camelCase keys.
 * @throws InvalidOptionError for an unknown key, a key given in two spellings, or a non-object.
 */
export function normalizeOptionKeys(schemaKeys: readonly string[], input: unknown, schedulerType: string): NormalizedOptions {
  if (input === undefined || input === null) return { values: {}, spelled: {} };
  if (typeof input !== "object" || Array.isArray(input)) {
    throw new InvalidOptionError(schedulerType, "options", input, "an object of options");
  }
  const values: Record<string, unknown> = {};
  const spelled: Record<string, string> = {};
  for (const key of Object.keys(input)) {
    const target = canonicalKey(key, schemaKeys);
    if (target === undefined) {
      throw new InvalidOptionError(
        schedulerType,
        key,
        (input as Record<string, unknown>)[key],
        `one of the accepted options (${describeAcceptedKeys(schemaKeys)})`,
      );
    }
    if (Object.prototype.hasOwnProperty.call(spelled, target)) {
      throw new InvalidOptionError(schedulerType, key, (input as Record<string, unknown>)[key], `given once (it was also given as "${spelled[target]}")`);
    }
    spelled[target] = key;
    Object.defineProperty(values, target, { value: (input as Record<string, unknown>)[key], enumerable: true, writable: true, configurable: true });
  }
  return { values, spelled };
}

/**
 * Validates options against a scheduler's schema (both spellings accepted), one option at a time,
 * in the schema's key order. An absent option is what its schema makes of `undefined`: `z.optional`
 * leaves it out, a default fills it in, any other schema reports it as required. Only the fields are
 * read: cross-option rules belong in the scheduler's `resolve()`.
 * @throws InvalidOptionError naming the first invalid option.
 */
export function parseOptions<S extends OptionsSchema>(schema: S, input: unknown, schedulerType: string): OptionsOf<S> {
  const fields = schema.shape;
  const { values, spelled } = normalizeOptionKeys(Object.keys(fields), input, schedulerType);
  const data: Record<string, unknown> = {};
  for (const key of Object.keys(fields)) {
    const given = Object.prototype.hasOwnProperty.call(values, key);
    const result = fields[key]!.safeParse(values[key]);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const name = spelled[key] ?? pythonName(key);
      const option = issue.path.reduce<string>((acc, p) => (/^\d+$/.test(String(p)) ? `${acc}[${String(p)}]` : `${acc}.${String(p)}`), name);
      const value = issue.path.reduce<unknown>((v, p) => (v as Record<PropertyKey, unknown> | undefined)?.[p], values[key]);
      throw new InvalidOptionError(schedulerType, option, value, given ? issue.message : "given (it is required)");
    }
    if (given || result.data !== undefined) data[key] = result.data;
  }
  return data as OptionsOf<S>;
}

/** The value of a per-group option for each of `groupCount` groups. @throws InvalidOptionError on a wrong list length. */
export function expandPerGroup<T>(value: T | readonly T[], groupCount: number, schedulerType: string, option: string): T[] {
  if (!Array.isArray(value)) return Array.from({ length: groupCount }, () => value as T);
  if (value.length !== groupCount) {
    throw new InvalidOptionError(schedulerType, option, value, `a single value or a list of ${groupCount} values (one per param group)`);
  }
  return [...(value as readonly T[])];
}

/**
 * `resolve()` sees the options under their camelCase keys, so its errors name options the Python way
 * (`max_steps`). When the caller wrote the option another way (`maxSteps`), this returns the same
 * error naming it as written; any other error is returned as it is.
 */
export function respellOptionError(error: unknown, input: unknown): unknown {
  if (!(error instanceof InvalidOptionError) || typeof input !== "object" || input === null) return error;
  const head = /^[A-Za-z0-9_]+/.exec(error.option)?.[0];
  if (head === undefined || Object.prototype.hasOwnProperty.call(input, head)) return error;
  const folded = head.replace(/_/g, "").toLowerCase();
  const given = Object.keys(input).find((k) => k.replace(/_/g, "").toLowerCase() === folded);
  if (given === undefined) return error;
  const renamed = new InvalidOptionError(error.schedulerType, given + error.option.slice(head.length), error.value, error.expected);
  renamed.stack = error.stack;
  return renamed;
}
