/**
 * State dicts. Ours is plain JSON tagged with format, version and type; non-finite numbers travel
 * as strings. The readers here only validate and convert: nothing is applied until every field
 * has been checked, so a rejected dict leaves scheduler and optimizer untouched.
 */
import { InvalidStateDictError } from "./errors.js";
import { decodeNumber, encodeNumber, type JsonNumber } from "./json.js";

export const STATE_FORMAT = "lr-schedulers";
export const STATE_VERSION = 1;

/** A JSON value: what `JSON.stringify` keeps and `JSON.parse` gives back. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** The JSON state of a scheduler, as returned by `stateDict()` (a type alias, so that it is assignable to JSON types). */
export type SchedulerStateDict = {
  format: typeof STATE_FORMAT;
  version: typeof STATE_VERSION;
  /** The registered type, e.g. `"StepLR"`; loading into another type is refused. */
  type: string;
  /** The step counter (PyTorch's `last_epoch`, DeepSpeed's `last_batch_iteration`, Megatron's `num_steps`). */
  lastEpoch: number;
  /** Each group's base lr, the value the schedule scales. */
  baseLrs: number[];
  /** The lr last written into each group. */
  lastLr: JsonNumber[];
  /** The options the scheduler runs with, JSON-safe. Function-valued options are `null` here and listed in `functionOptions`. */
  options: Record<string, JsonValue>;
  /** Options that are functions: they cannot be saved, so loading keeps the ones the scheduler was constructed with. */
  functionOptions?: string[];
  /** Mutable state beyond the counter (for example ReduceLROnPlateau's best metric). */
  extra?: Record<string, JsonValue>;
  /** The state of each sub-scheduler of a composite (SequentialLR, ChainedScheduler, ...). */
  children?: SchedulerStateDict[];
  /** `false` for a schedule that has not taken its first step and wrote other values at construction (timm). */
  started?: false;
  /** A metric-driven schedule's cuts so far, per group, when another scheduler drives the optimizer too. */
  scale?: number[];
  /** Values written at this step that are not the closed form's (a jump by `step(x)`, a reference load), kept until the next step. */
  held?: Record<string, (number | null)[]>;
}
/** True for a dict written by `stateDict()` of this library (any version); false for a reference implementation's dict. */
export function isOwnStateDict(value: unknown): value is { format: string } {
  return typeof value === "object" && value !== null && (value as { format?: unknown }).format === STATE_FORMAT;
}

/** Deep-copies options into JSON: functions -> null (their names are returned), non-finite numbers -> strings. */
export function optionsToJson(options: object): { json: Record<string, JsonValue>; functions: string[] } {
  const functions: string[] = [];
  const json: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (typeof value === "function" || (Array.isArray(value) && value.some((v) => typeof v === "function"))) functions.push(key);
    json[key] = toJsonValue(value);
  }
  return { json, functions };
}

function toJsonValue(value: unknown): JsonValue {
  if (typeof value === "number") return encodeNumber(value);
  if (typeof value === "function") return null;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === "object" && value !== null) {
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(value)) out[k] = toJsonValue(v);
    return out;
  }
  return typeof value === "string" || typeof value === "boolean" ? value : null;
}

/** Field readers that throw InvalidStateDictError naming the field. */
export class StateReader {
  constructor(
    readonly schedulerType: string,
    readonly dict: Record<string, unknown>,
    /** Prefix for field names in errors, e.g. `"children[1]."`. */
    readonly prefix = "",
  ) {}

  static of(schedulerType: string, value: unknown, prefix = ""): StateReader {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new InvalidStateDictError(schedulerType, prefix.replace(/\.$/, "") || "(state dict)", value, "an object");
    }
    return new StateReader(schedulerType, value as Record<string, unknown>, prefix);
  }

  has(key: string): boolean {
    return Object.prototype.hasOwnProperty.call(this.dict, key) && this.dict[key] !== undefined;
  }

  raw(key: string): unknown {
    return this.has(key) ? this.dict[key] : undefined;
  }

  fail(key: string, expected: string, value: unknown = this.raw(key)): never {
    throw new InvalidStateDictError(this.schedulerType, this.prefix + key, value, expected);
  }

  /** A number (non-finite ones as "Infinity"/"-Infinity"/"NaN" strings allowed only with `allowNonFinite`). */
  number(key: string, { allowNonFinite = false, integer = false, min = -Infinity } = {}): number {
    const value = decodeNumber(this.raw(key));
    const expected = `${integer ? "an integer" : allowNonFinite ? "a number" : "a finite number"}${min > -Infinity ? ` >= ${min}` : ""}`;
    if (value === undefined) this.fail(key, expected);
    if (!allowNonFinite && !Number.isFinite(value)) this.fail(key, expected);
    if (integer && !Number.isInteger(value)) this.fail(key, expected);
    if (!(value >= min) && !(Number.isNaN(value) && allowNonFinite)) this.fail(key, expected);
    return value;
  }

  optionalNumber(key: string, opts?: { allowNonFinite?: boolean; integer?: boolean; min?: number }): number | undefined {
    return this.has(key) && this.dict[key] !== null ? this.number(key, opts) : undefined;
  }

  /** A list of `length` numbers. */
  numbers(key: string, length: number, { allowNonFinite = false } = {}): number[] {
    const value = this.raw(key);
    const expected = `a list of ${length} ${allowNonFinite ? "numbers" : "finite numbers"} (one per param group)`;
    if (!Array.isArray(value) || value.length !== length) this.fail(key, expected);
    return value.map((item, i) => {
      const n = decodeNumber(item);
      if (n === undefined || (!allowNonFinite && !Number.isFinite(n))) this.fail(`${key}[${i}]`, expected.replace(/^a list of \d+ /, "a "), item);
      return n;
    });
  }

  string(key: string, allowed?: readonly string[]): string {
    const value = this.raw(key);
    if (typeof value !== "string" || (allowed && !allowed.includes(value))) {
      this.fail(key, allowed ? `one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}` : "a string");
    }
    return value;
  }

  object(key: string): Record<string, unknown> {
    const value = this.raw(key);
    if (typeof value !== "object" || value === null || Array.isArray(value)) this.fail(key, "an object");
    return value as Record<string, unknown>;
  }

  boolean(key: string): boolean {
    const value = this.raw(key);
    if (typeof value !== "boolean") this.fail(key, "true or false");
    return value;
  }
}
