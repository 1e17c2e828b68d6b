/**
 * Small zod/mini building blocks shared by every scheduler's options schema. Each carries, as its
 * error message, the words that complete "option X must be ...", so errors read the same everywhere.
 */
import * as z from "zod/mini";
import { internal, type LRScheduler } from "./engine.js";

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** A finite number (zod rejects NaN and ±Infinity), optionally bounded. */
export function num(expected = "a finite number", ok: (v: number) => boolean = () => true) {
  return z.custom<number>((v) => isFiniteNumber(v) && ok(v), { error: expected });
}

/** A finite number or the string/number Infinity (for options such as Megatron's steps or plateau thresholds). */
export const positiveNumber = () => num("a finite number > 0", (v) => v > 0);
export const nonNegativeNumber = () => num("a finite number >= 0", (v) => v >= 0);

/** An integer (a float such as 3.0 counts, as Python's int() accepted it upstream). */
export function int(expected = "an integer", ok: (v: number) => boolean = () => true) {
  return z.custom<number>((v) => isFiniteNumber(v) && Number.isInteger(v) && ok(v), { error: expected });
}
export const positiveInt = () => int("an integer > 0", (v) => v > 0);
export const nonNegativeInt = () => int("an integer >= 0", (v) => v >= 0);

/** A number in a closed or half-open range, with the range spelled out in the error. */
export function numberIn(min: number, max: number, { minOpen = false, maxOpen = false } = {}) {
  const expected = `a number in ${minOpen ? "(" : "["}${min}, ${max}${maxOpen ? ")" : "]"}`;
  return num(expected, (v) => (minOpen ? v > min : v >= min) && (maxOpen ? v < max : v <= max));
}

/** One of a fixed set of strings. */
export function oneOf<const T extends readonly string[]>(values: T) {
  return z.custom<T[number]>((v) => typeof v === "string" && values.includes(v), {
    error: `one of ${values.map((v) => JSON.stringify(v)).join(", ")}`,
  });
}

export function bool() {
  return z.custom<boolean>((v) => typeof v === "boolean", { error: "true or false" });
}

/** A function (a schedule callback such as `lr_lambda`); functions never go into a state dict. */
export function fn<F extends (...args: never[]) => unknown>(expected = "a function") {
  return z.custom<F>((v) => typeof v === "function", { error: expected });
}

/** A value given once for all groups or as a list with one entry per group (the length is checked against the optimizer later). */
export function perGroup<T>(item: z.ZodMiniType<T>, itemExpected: string) {
  return z.custom<T | T[]>(
    (v) => (Array.isArray(v) ? v.length > 0 && v.every((x) => item.safeParse(x).success) : item.safeParse(v).success),
    { error: `${itemExpected}, or a non-empty list of them (one per param group)` },
  );
}

/** A non-empty list of items. */
export function listOf<T>(item: z.ZodMiniType<T>, expected: string) {
  return z.custom<T[]>((v) => Array.isArray(v) && v.every((x) => item.safeParse(x).success), { error: expected });
}

/** An option with a default: absent (or undefined) it is `value`, so validated options always hold it and a state dict writes it out. */
export function withDefault<T extends z.ZodMiniType>(schema: T, value: z.output<T> & {}) {
  return z._default(schema, value as never);
}

const isScheduler = (v: unknown): v is LRScheduler => typeof v === "object" && v !== null && internal in v;

/** An option holding one scheduler (an `LRScheduler` on the same optimizer; a composite checks that). */
export function schedulerInstance() {
  return z.custom<LRScheduler>(isScheduler, { error: "a scheduler (an LRScheduler instance, or a { type, params } config in createScheduler)" });
}

/** An option holding a non-empty list of schedulers. */
export function schedulerList() {
  return z.custom<LRScheduler[]>((v) => Array.isArray(v) && v.length > 0 && v.every(isScheduler), {
    error: "a non-empty list of schedulers (LRScheduler instances, or { type, params } configs in createScheduler)",
  });
}
