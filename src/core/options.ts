/**
 * Options arrive camelCase from TypeScript and snake_case from Python configs (`step_size`,
 * `T_max`, `warmup_num_steps`). This module maps both spellings onto one schema key, refuses
 * unknown keys (suggesting the nearest accepted one), validates each option with its zod/mini
 * schema, and turns the first issue into an InvalidOptionError that names the option as the caller
 * spelled it.
 */
import type * as z from "zod/mini";
import { InvalidOptionError } from "./errors.js";

/** The camelCase key of an options schema written the Python way: `stepSize` -> `step_size`, `t0` -> `t_0`. */
export function toSnakeCase(camel: string): string {
  return camel.replace(/([A-Z])/g, "_$1").replace(/([a-z])(\d)/g, "$1_$2").toLowerCase();
}

/** The Python spelling of an option: `stepSize` -> `step_size`, and PyTorch's `T_max`, `T_0`, `T_mult`. */
export function pythonName(camel: string): string {
  const snake = toSnakeCase(camel);
  return /^[a-z](?=[A-Z0-9])/.test(camel) ? snake[0]!.toUpperCase() + snake.slice(1) : snake;
}

/** One zod/mini schema per option, under its camelCase key. */
export type OptionFields = Record<string, z.ZodMiniType>;

/** What an options schema must have: its per-option schemas under `shape` (a `z.object` is one). */
export interface OptionsSchema<F extends OptionFields = OptionFields> {
  readonly shape: F;
}

/** The validated options of a record of fields: what the zod object of those fields outputs. */
export type OptionsOf<F extends OptionFields> = z.output<z.ZodMiniObject<F>>;
/** What a caller may pass for a record of fields (camelCase keys). */
export type OptionsInputOf<F extends OptionFields> = z.input<z.ZodMiniObject<F>>;

/** The spellings accepted for a camelCase key: itself, its snake_case form, and PyTorch's capitalised one (`T_max`). */
export function spellingsOf(camel: string): string[] {
  return [...new Set([camel, toSnakeCase(camel), pythonName(camel)])];
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The candidate closest to `name`, ignoring case and underscores, if it is close enough to be a slip (`stepsize`, `StepLr`). */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const fold = (s: string) => s.replace(/[_\-.\s]/g, "").toLowerCase();
  const target = fold(name);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(target, fold(candidate));
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(1, Math.floor(target.length / 4)) ? best : undefined;
}

/** Accepted option names, Python spelling first: `step_size (stepSize)`. */
export function describeAcceptedKeys(canonical: readonly string[]): string {
  return canonical.map((c) => (pythonName(c) === c ? c : `${pythonName(c)} (${c})`)).join(", ");
}

/** camelCase key -> the spelling the caller used, for error paths. */
export type Spelling = Readonly<Record<string, string>>;

export interface ParsedOptions<O> {
  options: O;
  spelled: Spelling;
}

const own = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Validates options against a record of per-option schemas (both spellings accepted), one option
 * at a time, in the record's key order. An absent option is what its schema makes of `undefined`:
 * `z.optional` leaves it out, `z._default` fills it in, any other schema reports it as required.
 * @throws InvalidOptionError naming the first invalid, unknown or missing option as the caller spelled it.
 */
export function parseOptions<F extends OptionFields>(fields: F, input: unknown, where: string): ParsedOptions<OptionsOf<F>> {
  if (input === undefined || input === null) input = {};
  if (typeof input !== "object" || Array.isArray(input)) throw new InvalidOptionError(where, "options", input, "an object of options");
  const keys = Object.keys(fields);
  const byName = new Map<string, string>();
  for (const key of keys) for (const spelling of spellingsOf(key)) byName.set(spelling, key);
  const values: Record<string, unknown> = {};
  const spelled: Record<string, string> = {};
  const given = input as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    const key = byName.get(name);
    if (key === undefined) {
      // Suggest in the caller's style: camelCase for a camelCase slip, the Python name otherwise.
      const camelStyle = /[A-Z]/.test(name) && !name.includes("_");
      const near = closestName(name, keys.map((k) => (camelStyle ? k : pythonName(k))));
      throw new InvalidOptionError(where, name, given[name], `one of the accepted options (${describeAcceptedKeys(keys)})`, "unknown-option", near);
    }
    if (own(spelled, key)) {
      throw new InvalidOptionError(where, name, given[name], `given once (it was also given as "${spelled[key]}")`);
    }
    spelled[key] = name;
    values[key] = given[name];
  }
  const data: Record<string, unknown> = {};
  for (const key of keys) {
    const present = own(values, key) && values[key] !== undefined;
    const result = fields[key]!.safeParse(present ? values[key] : undefined);
    if (!result.success) {
      const issue = result.error.issues[0]!;
      const name = spelled[key] ?? pythonName(key);
      const option = issue.path.reduce<string>((acc, p) => (/^\d+$/.test(String(p)) ? `${acc}[${String(p)}]` : `${acc}.${String(p)}`), name);
      const value = issue.path.reduce<unknown>((v, p) => (v as Record<PropertyKey, unknown> | undefined)?.[p], values[key]);
      if (!present) throw new InvalidOptionError(where, name, undefined, "given (it is required)", "missing-option");
      throw new InvalidOptionError(where, option, value, issue.message);
    }
    if (result.data !== undefined) data[key] = result.data;
  }
  return { options: data as OptionsOf<F>, spelled };
}

/** The value of a per-group option for each of `groupCount` groups, or undefined when a list has the wrong length. */
export function expandPerGroup<T>(value: T | readonly T[], groupCount: number): T[] | undefined {
  if (!Array.isArray(value)) return Array.from({ length: groupCount }, () => value as T);
  return value.length === groupCount ? [...(value as readonly T[])] : undefined;
}
