/**
 * What the transaction properties need: exact snapshots of a scheduler and of its optimizer's
 * groups (every number bit for bit: -0 apart from 0, NaN kept), a check that an error's path points
 * into the input that was refused, JSON mutations of state dicts and option sets, and a timer.
 */
import fc from "fast-check";
import { expect } from "vitest";
import { LRSchedulerError, type LRScheduler, type Optimizer } from "../../src/index.js";
import { HOSTILE_KEYS, hostileJson, ownObject } from "./json-fuzz.js";

// ---- exact snapshots ------------------------------------------------------------------------------

const isScheduler = (v: unknown): v is LRScheduler =>
  typeof v === "object" && v !== null && typeof (v as LRScheduler).stateDict === "function" && typeof (v as LRScheduler).step === "function";

/**
 * A canonical text of any value: numbers by their exact bits (`-0`, `NaN`), keys in their order,
 * `undefined` kept, functions by identity, typed arrays element by element, schedulers by their state.
 */
export function exact(value: unknown, ids = new Map<unknown, number>(), depth = 0): string {
  if (depth > 64) return "<deep>";
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (value === undefined) return "undefined";
  if (value === null || typeof value === "boolean") return String(value);
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "bigint" || typeof value === "symbol") return String(value);
  if (typeof value === "function") {
    if (!ids.has(value)) ids.set(value, ids.size);
    return `<fn ${ids.get(value)}>`;
  }
  if (isScheduler(value)) return `<${value.type} ${schedulerSnapshot(value, depth + 1)}>`;
  if (ArrayBuffer.isView(value)) return `[${Array.from(value as unknown as ArrayLike<number>, (v) => exact(v)).join(",")}]`;
  if (Array.isArray(value)) return `[${value.map((v) => exact(v, ids, depth + 1)).join(",")}]`;
  const keys = Object.keys(value as object);
  return `{${keys.map((k) => `${JSON.stringify(k)}:${exact((value as Record<string, unknown>)[k], ids, depth + 1)}`).join(",")}}`;
}

function attempt(read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    return `<throws ${error instanceof Error ? error.message : String(error)}>`;
  }
}

/** Everything observable about a scheduler: counter, options, base lrs, its state dict, its lrs, a plateau's state. */
export function schedulerSnapshot(scheduler: LRScheduler, depth = 0): string {
  return exact(
    {
      lastEpoch: scheduler.lastEpoch,
      options: scheduler.options,
      baseLrs: scheduler.baseLrs,
      stateDict: attempt(() => scheduler.stateDict()),
      lastLr: scheduler.getLastLr(),
      lr: attempt(() => scheduler.getLr()),
      plateau: scheduler.plateauState,
    },
    new Map(),
    depth,
  );
}

/** Every group, every key (betas included), bit for bit. */
export function groupsSnapshot(optimizer: Optimizer): string {
  return exact(optimizer.paramGroups);
}

/** What a schedule writes into the groups, bit for bit. */
export function writtenValues(optimizer: Optimizer): string {
  return exact(optimizer.paramGroups.map((g) => [g.lr, g.momentum, g.betas?.[0], g.betas?.[1], g.weightDecay]));
}

/** Asserts that every value a schedule writes is a finite number (absent ones aside). */
export function expectFinite(optimizer: Optimizer, scheduler: LRScheduler, when: string): void {
  for (const [i, g] of optimizer.paramGroups.entries()) {
    for (const [name, v] of [["lr", g.lr], ["momentum", g.momentum], ["betas[0]", g.betas?.[0]], ["betas[1]", g.betas?.[1]], ["weightDecay", g.weightDecay]] as const) {
      if (v !== undefined) expect(typeof v === "number" && Number.isFinite(v), `${when}: group ${i} ${name} = ${String(v)}`).toBe(true);
    }
  }
  for (const v of scheduler.getLastLr()) expect(Number.isFinite(v), `${when}: getLastLr() holds ${v}`).toBe(true);
}

// ---- error paths ----------------------------------------------------------------------------------

const own = (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Whether `path` names a place in `input`: each step is a key of the object there (keys may hold dots
 * or brackets: every split is tried; `[k]` is key k too) or `[i]` of a list, a `{ type, params }`
 * sub-config is entered through its params, and the last step may be a key that is absent (a missing
 * field is named by where it should be). `wholes` are the names that mean the input itself.
 */
export function pointsInto(path: string, input: unknown, wholes: readonly string[]): boolean {
  if (wholes.includes(path)) return true;
  return resolves(input, path, true);
}

function resolves(at: unknown, rest: string, first: boolean): boolean {
  if (!first) {
    if (rest === "") return true;
    if (rest.startsWith(".")) rest = rest.slice(1);
    else if (!rest.startsWith("[")) return false;
  }
  if (typeof at !== "object" || at === null) return false;
  if (Array.isArray(at)) {
    const m = /^\[(\d+)\]/.exec(rest);
    return m !== null && Number(m[1]) < at.length && resolves(at[Number(m[1])], rest.slice(m[0].length), false);
  }
  const keys = Object.keys(at);
  for (const key of keys) if (rest.startsWith(key) && resolves((at as Record<string, unknown>)[key], rest.slice(key.length), false)) return true;
  // `[30]` of an object: its key "30" (optax's boundaries_and_scales, subscripted as Python does).
  for (const key of keys) if (rest.startsWith(`[${key}]`) && resolves((at as Record<string, unknown>)[key], rest.slice(key.length + 2), false)) return true;
  if (own(at, "type") && own(at, "params")) {
    const params = (at as { params: unknown }).params;
    if (resolves(typeof params === "object" && params !== null ? params : {}, rest, true)) return true;
  }
  // The last step: a key that is absent (not the empty path, which names no field).
  return rest !== "" && !/[.[]/.test(rest.slice(1)) && !rest.startsWith("[");
}

/** Asserts a typed refusal: an LRSchedulerError with a code and a path into `input`. */
export function expectTypedRefusal(error: unknown, input: unknown, wholes: readonly string[], what: string): asserts error is LRSchedulerError {
  if (!(error instanceof LRSchedulerError)) throw new Error(`${what}: not an LRSchedulerError: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  expect(error.code, `${what}: ${error.message}`).toMatch(/^[a-z-]+$/);
  expect(pointsInto(error.path, input, wholes), `${what}: path "${error.path}" does not point into the input (${error.message})`).toBe(true);
}

// ---- mutations of JSON ----------------------------------------------------------------------------

type Json = unknown;

/** Every place in a JSON tree (the root excluded), as key paths. */
function placesOf(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (typeof value !== "object" || value === null) return out;
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
  for (const [k, v] of entries) {
    const path = [...prefix, k];
    out.push(path);
    placesOf(v, path, out);
  }
  return out;
}

const clone = <T>(v: T): T => (typeof v === "object" && v !== null ? rebuild(v) : v) as T;

/** A deep copy in which every key is an own property (`__proto__` too), as JSON.parse makes them. */
function rebuild(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(rebuild);
  if (typeof value === "object" && value !== null) return ownObject(Object.entries(value).map(([k, v]) => [k, rebuild(v)]));
  return value;
}

function setAt(root: Json, path: (string | number)[], f: (parent: Record<string | number, unknown>, key: string | number) => void): Json {
  const copy = clone(root);
  let at = copy as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string | number, unknown>;
  f(at, path[path.length - 1]!);
  return copy;
}

function defineKey(o: Record<string | number, unknown>, key: string | number, value: unknown): void {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Numbers a real dict or config gets wrong: off by one, signs, fractions, huge counts, past 2**53, non-finite spellings. */
function numberVariants(v: number): unknown[] {
  return [v + 1, v - 1, -v, v * 10, v / 10, v + 0.5, -1, 0, -0, 1e9, 1e8, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 1e308, -1e308, 5e-324, "NaN", "Infinity", "-Infinity", null, String(v), true];
}

const oddSpellings = (key: string) => [`_${key}`, key.toUpperCase(), `${key}_`, key.replace(/_/g, ""), `${key.slice(0, 1).toUpperCase()}${key.slice(1)}`];

/**
 * One mutation of a JSON tree, chosen by `pick`: at a random place, a number is nudged or replaced
 * (see `numberVariants`), a string, boolean or null changes type, a list loses, repeats or gains an
 * element, an object loses a key, gains a hostile one or has one respelled, or the value becomes
 * another JSON value; `spare` is any JSON, for replacements.
 */
export function mutateJson(root: Json, place: number, op: number, spare: unknown): Json {
  const places = placesOf(root);
  if (places.length === 0) return spare;
  const path = places[place % places.length]!;
  const here = path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root);
  const replace = (value: unknown) => setAt(root, path, (p, k) => (Array.isArray(p) ? (p[k as number] = value) : defineKey(p, k, value)));
  const key = path[path.length - 1]!;
  if (typeof here === "number") {
    const variants = numberVariants(here);
    return replace(variants[op % (variants.length + 1)] ?? spare);
  }
  if (typeof here === "string") return replace(["", "no-such-value", here.toUpperCase(), null, 1, spare][op % 6]);
  if (typeof here === "boolean") return replace([!here, null, 0, "true"][op % 4]);
  if (here === null) return replace([0, "x", {}, [], spare][op % 5]);
  const parentEdit = op % 9;
  if (parentEdit === 0 && typeof key === "string") {
    // Respell or drop the key this value sits under.
    const spellings = oddSpellings(key);
    return setAt(root, path, (p, k) => {
      const value = p[k];
      delete p[k];
      if (op % 2 === 0) defineKey(p, spellings[Math.floor(op / 9) % spellings.length]!, value);
    });
  }
  if (Array.isArray(here)) {
    const edits = [
      () => here.slice(0, -1),
      () => [...here, ...here.slice(-1)],
      () => [...here, spare],
      () => [],
      () => ({}),
      () => null,
      () => spare,
      () => here.slice(1),
    ];
    return replace(edits[op % edits.length]!());
  }
  const entries = Object.entries(here as object);
  const edits = [
    () => ownObject(entries.slice(1)),
    () => ownObject([...entries, [HOSTILE_KEYS[op % HOSTILE_KEYS.length]!, spare]]),
    () => ownObject([...entries, ["not_a_key", spare]]),
    () => [],
    () => null,
    () => spare,
    () => ownObject(entries.slice(0, -1)),
  ];
  return replace(edits[op % edits.length]!());
}

/** Mutations of a JSON tree: one to three edits. */
export function mutated(root: Json): fc.Arbitrary<Json> {
  const edit = fc.tuple(fc.nat(), fc.nat(), hostileJson);
  return fc.array(edit, { minLength: 1, maxLength: 3 }).map((edits) => edits.reduce((v, [place, op, spare]) => mutateJson(v, place, op, spare), root));
}

/** Big numbers put at one to three numeric places: a load must stay fast whatever the counts say. */
export function withBigNumbers(root: Json): fc.Arbitrary<Json> {
  const numeric = placesOf(root).filter((p) => typeof p.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], root) === "number");
  if (numeric.length === 0) return fc.constant(root);
  const big = fc.constantFrom(1e9, 1e8, 123_456_789, 2 ** 31, 2 ** 53 - 1, 2 ** 53, 1e15, 1e21, 1e308, 99_999, -1e9);
  return fc.array(fc.tuple(fc.nat(), big), { minLength: 1, maxLength: 3 }).map((edits) =>
    edits.reduce((v, [n, value]) => setAt(v, numeric[n % numeric.length]!, (p, k) => (Array.isArray(p) ? (p[k as number] = value) : defineKey(p, k, value))), root),
  );
}

// ---- timing ---------------------------------------------------------------------------------------

/** The bound on one load: 10 ms per started kilobyte of JSON. */
export function loadBudgetMs(dict: unknown): number {
  let size = 0;
  try {
    size = JSON.stringify(dict)?.length ?? 0;
  } catch {
    size = 0;
  }
  return 10 * Math.max(1, Math.ceil(size / 1024));
}

/**
 * The time one load takes, in ms: `prepare` builds what the load needs (untimed) and returns the
 * load. When the first try is over `budget`, up to two more (on fresh preparations) are timed and
 * the fastest counts: a load that loops over a count is slow every time, a pause of the machine is not.
 */
export function timeOf(prepare: () => () => void, budget: number): number {
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best > budget; attempt++) {
    const run = prepare();
    const start = performance.now();
    try {
      run();
    } catch {
      // Refusals are timed too.
    }
    best = Math.min(best, performance.now() - start);
  }
  return best;
}
