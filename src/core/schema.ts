/**
 * Small zod/mini building blocks shared by every scheduler's options schema. Each carries, as its
 * error message, the words that complete "option X must be ...", so errors read the same everywhere,
 * and, in zod's registry, the JSON Schema of what it accepts, so that zod's own `toJSONSchema`
 * describes every option (the playground's forms, `configSchema(type)`).
 */
import * as z from "zod/mini";
import { internal, type LRScheduler } from "./engine.js";

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** JSON Schema keywords describing an option. */
export type JsonSchemaMeta = Record<string, unknown>;

/** Records `meta` as the JSON Schema of `schema` (with the error wording as its description). */
export function describedAs<T extends z.ZodMiniType>(schema: T, meta: JsonSchemaMeta): T {
  z.globalRegistry.add(schema, meta as never);
  return schema;
}

const metaOf = (schema: z.ZodMiniType): JsonSchemaMeta => ({ ...(z.globalRegistry.get(schema) as JsonSchemaMeta | undefined) });

/** A finite number (zod rejects NaN and ±Infinity), optionally bounded; `bounds` are the JSON Schema keywords of `ok`. */
export function num(expected = "a finite number", ok: (v: number) => boolean = () => true, bounds: JsonSchemaMeta = {}) {
  return describedAs(z.custom<number>((v) => isFiniteNumber(v) && ok(v), { error: expected }), { type: "number", ...bounds, description: expected });
}

export const positiveNumber = () => num("a finite number > 0", (v) => v > 0, { exclusiveMinimum: 0 });
export const nonNegativeNumber = () => num("a finite number >= 0", (v) => v >= 0, { minimum: 0 });

/** An integer (a float such as 3.0 counts, as Python's int() accepted it upstream). */
export function int(expected = "an integer", ok: (v: number) => boolean = () => true, bounds: JsonSchemaMeta = {}) {
  return describedAs(z.custom<number>((v) => isFiniteNumber(v) && Number.isInteger(v) && ok(v), { error: expected }), { type: "integer", ...bounds, description: expected });
}
export const positiveInt = () => int("an integer > 0", (v) => v > 0, { minimum: 1 });
export const nonNegativeInt = () => int("an integer >= 0", (v) => v >= 0, { minimum: 0 });

/** A number in a closed or half-open range, with the range spelled out in the error. */
export function numberIn(min: number, max: number, { minOpen = false, maxOpen = false } = {}) {
  const expected = `a number in ${minOpen ? "(" : "["}${min}, ${max}${maxOpen ? ")" : "]"}`;
  const bounds = { [minOpen ? "exclusiveMinimum" : "minimum"]: min, [maxOpen ? "exclusiveMaximum" : "maximum"]: max };
  return num(expected, (v) => (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max), bounds);
}

/** One of a fixed set of strings. */
export function oneOf<const T extends readonly string[]>(values: T) {
  const expected = `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`;
  return describedAs(z.custom<T[number]>((v) => typeof v === "string" && values.includes(v), { error: expected }), { type: "string", enum: [...values], description: expected });
}

export function bool() {
  return describedAs(z.custom<boolean>((v) => typeof v === "boolean", { error: "true or false" }), { type: "boolean" });
}

/** A function (a schedule callback such as `lr_lambda`); functions never go into a state dict. */
export function fn<F extends (...args: never[]) => unknown>(expected = "a function") {
  return describedAs(z.custom<F>((v) => typeof v === "function", { error: expected }), { description: `${expected} (code only: not in a JSON config)` });
}

/** A value given once for all groups or as a list with one entry per group (the length is checked against the optimizer later). */
export function perGroup<T>(item: z.ZodMiniType<T>, itemExpected: string) {
  const expected = `${itemExpected}, or a non-empty list of them (one per param group)`;
  const schema = z.custom<T | T[]>((v) => (Array.isArray(v) ? v.length > 0 && v.every((x) => item.safeParse(x).success) : item.safeParse(v).success), { error: expected });
  const one = metaOf(item);
  return describedAs(schema, { anyOf: [one, { type: "array", items: one, minItems: 1 }], description: expected, perGroup: true });
}

/** A list of items. */
export function listOf<T>(item: z.ZodMiniType<T>, expected: string) {
  return describedAs(z.custom<T[]>((v) => Array.isArray(v) && v.every((x) => item.safeParse(x).success), { error: expected }), { type: "array", items: metaOf(item), description: expected });
}

/** An option with a default: absent (or undefined) it is `value`, so validated options always hold it and a state dict writes it out. */
export function withDefault<T extends z.ZodMiniType>(schema: T, value: z.output<T> & {}) {
  return z._default(schema, value as never);
}

const isScheduler = (v: unknown): v is LRScheduler => typeof v === "object" && v !== null && internal in v;

/** The JSON Schema of a sub-scheduler in a config: `{ type, params }`. */
const configMeta = { type: "object", properties: { type: { type: "string" }, params: { type: "object" } }, required: ["type"], schedulerConfig: true };

/** An option holding one scheduler (an `LRScheduler` on the same optimizer; a composite checks that). */
export function schedulerInstance() {
  const expected = "a scheduler (an LRScheduler instance, or a { type, params } config in createScheduler)";
  return describedAs(z.custom<LRScheduler>(isScheduler, { error: expected }), { ...configMeta, description: expected });
}

/** An option holding a non-empty list of schedulers. */
export function schedulerList() {
  const expected = "a non-empty list of schedulers (LRScheduler instances, or { type, params } configs in createScheduler)";
  return describedAs(z.custom<LRScheduler[]>((v) => Array.isArray(v) && v.length > 0 && v.every(isScheduler), { error: expected }), {
    type: "array",
    items: configMeta,
    minItems: 1,
    description: expected,
  });
}
