/**
 * Every call is a transaction (issue #20). For every registered type, a running scheduler is given
 * one bad call: a mutated state dict (its own after JSON, or the reference's own from the trace
 * fixtures) under any config policy, a malformed policy, a step with an odd argument, a mutated
 * option set for a new scheduler on the same optimizer, or the case's options on a malformed
 * optimizer. Each call is either refused, by an LRSchedulerError with a code and a path into the
 * input, leaving the groups and the scheduler (counter, options, base lrs, state dict) bit for bit
 * as they were, so that the next step equals that of a twin that never saw the call; or accepted,
 * writing only finite values, with a checkpoint that reloads exactly. Every load is timed: under
 * 10 ms per kilobyte of JSON, whatever the counts in it say.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createScheduler, knownSchedulerTypes, type LRScheduler, type Optimizer } from "../../src/index.js";
import { actions, buildCase, perform, scheduleCase, type Action, type ScheduleCase } from "../support/arbitraries.js";
import { buildScheduler, freshOptimizer, loadReferenceCases, replayStep, type ReferenceCase } from "../support/reference.js";
import { spellingsOf } from "../../src/core/options.js";
import { hostileJson, ownObject } from "./json-fuzz.js";
import { expectFinite, expectTypedRefusal, exact, groupsSnapshot, loadBudgetMs, mutated, pointsInto, schedulerSnapshot, timeOf, withBigNumbers, writtenValues } from "./transaction-support.js";

const types = knownSchedulerTypes();
const anyCase = fc.constantFrom(...types).chain(scheduleCase);

interface Built {
  optimizer: Optimizer;
  scheduler: LRScheduler;
}

/** A run of a case: built, then driven through `acts`. */
function replay(c: ScheduleCase, acts: readonly Action[], seed: number): Built {
  const built = buildCase(c);
  acts.forEach((a, n) => perform(built.scheduler, c, a, n, seed));
  return built;
}

const json = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

/** One more step of the case's drive; what it threw, if anything. */
function nextStep(built: Built, step: (s: LRScheduler) => void): string | undefined {
  try {
    step(built.scheduler);
    return undefined;
  } catch (error) {
    return error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
  }
}

/** The next step of a run that was refused a call equals the next step of its twin. */
function expectSameNextStep(a: Built, b: Built, step: (s: LRScheduler) => void, what: string): void {
  const failedA = nextStep(a, step);
  const failedB = nextStep(b, step);
  expect(failedA, `${what}: the next step`).toBe(failedB);
  expect(writtenValues(a.optimizer), `${what}: the groups after the next step`).toBe(writtenValues(b.optimizer));
  expect(schedulerSnapshot(a.scheduler), `${what}: the scheduler after the next step`).toBe(schedulerSnapshot(b.scheduler));
}

/** A snapshot as a checkpoint sees it: JSON has no -0, so a zero's sign does not survive a save. */
const asJson = (snapshot: string) => snapshot.replace(/(^|[[,:])-0(?=[\],}]|$)/g, (_m, before: string) => `${before}0`);

/**
 * An accepted call leaves a state whose own checkpoint, loaded into a fresh scheduler, gives the
 * same values now and at the next step. The fresh optimizer's groups are restored first, as a resume
 * restores the optimizer: a value the schedule no longer writes (momentum once `cycle_momentum` is
 * off) is the optimizer's to keep.
 */
function expectCheckpointReloads(a: Built, fresh: () => Built, step: (s: LRScheduler) => void, what: string): void {
  const dict = json(a.scheduler.stateDict());
  const c = fresh();
  (json(a.optimizer.paramGroups) as object[]).forEach((g, i) => Object.assign(c.optimizer.paramGroups[i]!, g));
  try {
    c.scheduler.loadStateDict(dict);
  } catch (error) {
    throw new Error(`${what}: the scheduler's own checkpoint is refused: ${(error as Error).message}\n${JSON.stringify(dict)}`);
  }
  expect(asJson(writtenValues(c.optimizer)), `${what}: the groups after reloading the scheduler's own checkpoint`).toBe(asJson(writtenValues(a.optimizer)));
  expect(exact(json(c.scheduler.stateDict())), `${what}: the reloaded checkpoint`).toBe(exact(dict));
  expect(nextStep(c, step), `${what}: the step after reloading`).toBe(nextStep(a, step));
  expect(asJson(writtenValues(c.optimizer)), `${what}: the groups a step after reloading`).toBe(asJson(writtenValues(a.optimizer)));
}

// ---- the bad calls -------------------------------------------------------------------------------

const POLICIES = [undefined, { config: "checkpoint" }, { config: "current" }, { config: "strict" }] as const;
/** Second arguments of loadStateDict that must be refused whatever the dict. */
const BAD_POLICIES: unknown[] = ["strict", "current", null, 0, [], { config: "no-such-policy" }, { config: "strict", extra: 1 }, { config: null }, { Config: "strict" }, ownObject([["__proto__", { config: "current" }]])];

type BadCall =
  | { kind: "load"; dict: unknown; policy: unknown; badPolicy: boolean }
  | { kind: "step"; args: unknown[] }
  | { kind: "construct"; config: unknown }
  | { kind: "optimizer"; optimizer: () => unknown };

const odd = [-3, -1, -0.5, 0, 0.5, 2.5, 1e308, -1e308, 2 ** 53, 2 ** 53 - 1, NaN, Infinity, -Infinity, "3", null, {}, [], true];

/** Step arguments for the case's drive: odd numbers, and ones near the counter. */
function stepArgs(c: ScheduleCase, last: number): fc.Arbitrary<unknown[]> {
  const near = [last + 0.5, last - 1, last + 1, last + 1000, last * 2 + 1, 1e6];
  const x = fc.constantFrom(...odd, ...near);
  if (c.drive === "metric") return fc.oneof(fc.tuple(fc.constantFrom(NaN, Infinity, -Infinity, "0.5", null, undefined, {}, { dataSync: () => [1] })), fc.tuple(fc.constant(0.5), x));
  if (c.drive === "epochMetric") return fc.oneof(fc.tuple(x, fc.constant(0.5)), fc.tuple(fc.constant(last + 1), fc.constantFrom(NaN, "0.5", {}, Infinity)));
  return fc.tuple(x);
}

/** The case's own optimizer, made malformed in one way. */
const OPTIMIZER_EDITS: ((o: Optimizer) => unknown)[] = [
  (o) => ((o.paramGroups[0]! as Record<string, unknown>).initialLr = "0.1", o),
  (o) => ((o.paramGroups.at(-1)! as Record<string, unknown>).initialLr = NaN, o),
  (o) => ((o.paramGroups.at(-1)!.initialLr = -1), o),
  (o) => ((o.paramGroups.at(-1)!.lr = NaN), o),
  (o) => ((o.paramGroups[0]!.lr = -0.1), o),
  (o) => ((o.paramGroups.at(-1)! as Record<string, unknown>).lr = "0.1", o),
  (o) => (Object.freeze(o.paramGroups.at(-1)!), o),
  (o) => (Object.seal(o.paramGroups.at(-1)!), o),
  (o) => ((o.paramGroups.at(-1)! as Record<string, unknown>).momentum = "x", o),
  (o) => ((o.paramGroups.at(-1)!.betas = [NaN, 0.999]), o),
  (o) => ((o.paramGroups.at(-1)! as Record<string, unknown>).initial_lr = 0.1, o),
  (o) => ((o as { defaults: unknown }).defaults = null, o),
  (o) => ((o as { defaults: unknown }).defaults = 5, o),
  (o) => ((o as { paramGroups: unknown }).paramGroups = [], o),
  (o) => ((o as { paramGroups: unknown }).paramGroups = [null], o),
  (o) => ((o as { paramGroups: unknown }).paramGroups = { 0: o.paramGroups[0] }, o),
  () => null,
  () => ({}),
  () => "optimizer",
];

function badCalls(c: ScheduleCase, built: Built): fc.Arbitrary<BadCall> {
  const own = json(built.scheduler.stateDict());
  const policy = fc.constantFrom(...POLICIES);
  const load = fc.record({ kind: fc.constant("load" as const), dict: mutated(own), policy, badPolicy: fc.constant(false) });
  const optionsEdit = fc.record({ kind: fc.constant("load" as const), dict: withOptionsMutated(own), policy, badPolicy: fc.constant(false) });
  const other = fc.record({ kind: fc.constant("load" as const), dict: fc.oneof(hostileJson, fc.constant(nestedDict(own, 40))), policy, badPolicy: fc.constant(false) });
  const badPolicy = fc.record({ kind: fc.constant("load" as const), dict: fc.constant(own), policy: fc.constantFrom(...BAD_POLICIES), badPolicy: fc.constant(true) });
  const step = fc.record({ kind: fc.constant("step" as const), args: stepArgs(c, built.scheduler.lastEpoch) });
  const construct = fc.record({ kind: fc.constant("construct" as const), config: mutated(c.config) });
  // Another schedule on the same optimizer (a composite's sub-schedulers are built before it is refused).
  const constructOther = fc.record({ kind: fc.constant("construct" as const), config: anyCase.chain((other) => mutated(other.config)) });
  const optimizer = fc.record({
    kind: fc.constant("optimizer" as const),
    optimizer: fc.constantFrom(...OPTIMIZER_EDITS).map((edit) => () => edit(buildCase(c).optimizer)),
  });
  return fc.oneof(
    { weight: 6, arbitrary: load },
    { weight: 2, arbitrary: optionsEdit },
    { weight: 1, arbitrary: other },
    { weight: 1, arbitrary: badPolicy },
    { weight: 3, arbitrary: step },
    { weight: 2, arbitrary: construct },
    { weight: 1, arbitrary: constructOther },
    { weight: 1, arbitrary: optimizer },
  );
}

type OwnDict = { options?: unknown; children?: OwnDict[] };

/** The dict with the options of itself or of one of its sub-schedulers mutated (a checkpoint written with other settings). */
function withOptionsMutated(own: OwnDict): fc.Arbitrary<unknown> {
  // Every sub-scheduler's place, as the positions of the children leading to it ([] is the dict itself).
  const places: number[][] = [];
  const walk = (d: OwnDict, path: number[]) => {
    places.push(path);
    d.children?.forEach((child, i) => walk(child, [...path, i]));
  };
  walk(own, []);
  const at = (d: OwnDict, path: number[]) => path.reduce((x, i) => x.children![i]!, d);
  return fc.constantFrom(...places).chain((path) =>
    mutated(at(own, path).options ?? {}).map((options) => {
      const copy = json(own);
      at(copy, path).options = options;
      return copy;
    }),
  );
}

/** A dict nested `depth` levels deep through `children` (a composite's shape). */
function nestedDict(own: unknown, depth: number): unknown {
  let dict = own;
  for (let i = 0; i < depth; i++) dict = { ...(own as object), children: [dict] };
  return dict;
}

/** A group's scheduled values (lr, momentum, betas, weight decay). */
const channelValues = (g: Optimizer["paramGroups"][number]): unknown[] => [g.lr, g.momentum, g.betas?.[0], g.betas?.[1], g.weightDecay];

/** The groups of what may be a malformed optimizer (none where it has no list of objects). */
function groupsOf(optimizer: unknown): Optimizer["paramGroups"] {
  const groups = (optimizer as { paramGroups?: unknown } | null)?.paramGroups;
  return Array.isArray(groups) ? groups.filter((g): g is Optimizer["paramGroups"][number] => typeof g === "object" && g !== null) : [];
}

/** A scheduler's options, its sub-schedulers by type only (their state moves with a load). */
const optionsOf = (s: LRScheduler) => exact(Object.fromEntries(Object.entries(s.options).map(([k, v]) => [k, Array.isArray(v) ? v.map(typeOrValue) : typeOrValue(v)])));
const typeOrValue = (v: unknown) => (typeof v === "object" && v !== null && "stateDict" in v ? `<${(v as LRScheduler).type}>` : v);

/**
 * What no accepted call may leave: a counter outside the convention's range (below its start, past
 * 2**53, a fraction where it counts whole steps), a negative base lr where the base is the groups'
 * lr, or an option that is not one of the schedule's.
 */
function expectSensibleState(scheduler: LRScheduler, what: string): void {
  const { counter, base = "initialLr" } = scheduler.definition;
  const t = scheduler.lastEpoch;
  const min = scheduler.isClosedForm ? counter.min : 0;
  expect(Number.isFinite(t) && t >= min && t <= Number.MAX_SAFE_INTEGER, `${what}: lastEpoch ${t} outside [${min}, 2**53 - 1]`).toBe(true);
  if (counter.integer) expect(Number.isInteger(t), `${what}: lastEpoch ${t} is not a whole step`).toBe(true);
  // (A schedule that sets its base lrs from its options, OneCycleLR's max_lr / div_factor, may make them negative.)
  if (base !== "absolute" && !holdsNegative(scheduler.options)) expect(scheduler.baseLrs.every((v) => v >= 0), `${what}: negative base lrs ${String(scheduler.baseLrs)}`).toBe(true);
  const keys = Object.keys(scheduler.definition.options());
  for (const key of Object.keys(scheduler.options)) expect(keys, `${what}: option "${key}" is not one of the schedule's`).toContain(key);
}

/** Whether options hold a negative number (their sub-schedulers aside). */
function holdsNegative(value: unknown): boolean {
  if (typeof value === "number") return value < 0;
  if (Array.isArray(value)) return value.some(holdsNegative);
  if (typeof value === "object" && value !== null && !("stateDict" in value)) return Object.values(value).some(holdsNegative);
  return false;
}

/** Whether every key of a config's params is a spelling of one of its type's options. */
function spelledRight(scheduler: LRScheduler, config: unknown): boolean {
  const params = (config as { params?: unknown } | null)?.params;
  if (typeof params !== "object" || params === null) return true;
  const spellings = new Set(Object.keys(scheduler.definition.options()).flatMap(spellingsOf));
  return Object.keys(params).every((k) => spellings.has(k));
}

/** How the case's own drive takes one more step. */
const driveStep = (c: ScheduleCase, n: number, seed: number) => (s: LRScheduler) => perform(s, c, { kind: "step" }, n, seed);

function checkBadCall(c: ScheduleCase, acts: readonly Action[], seed: number, call: BadCall): void {
  const a = replay(c, acts, seed);
  const b = replay(c, acts, seed);
  const step = driveStep(c, acts.length, seed);
  const what = `${c.config.type} after ${acts.length} steps, ${call.kind}`;

  if (call.kind === "optimizer") {
    const optimizer = call.optimizer();
    const before = exact(optimizer);
    const valuesBefore = groupsOf(optimizer).map(channelValues);
    try {
      createScheduler(optimizer as Optimizer, json(c.config));
      // Accepted: what the schedule wrote is finite (what it left is the caller's).
      groupsOf(optimizer).forEach((g, i) =>
        channelValues(g).forEach((v, k) => {
          if (!Object.is(v, valuesBefore[i]![k])) expect(typeof v === "number" && Number.isFinite(v), `${what}: accepted, wrote ${String(v)} into group ${i}`).toBe(true);
        }),
      );
    } catch (error) {
      expectTypedRefusal(error, { optimizer, ...(optimizer as object) }, ["optimizer"], what);
      expect(exact(optimizer), `${what}: a refused constructor changed the optimizer`).toBe(before);
    }
    return;
  }

  const groups = groupsSnapshot(a.optimizer);
  const state = schedulerSnapshot(a.scheduler);
  let error: unknown;
  let accepted: LRScheduler | undefined;
  try {
    if (call.kind === "load") a.scheduler.loadStateDict(call.dict, call.policy as never);
    else if (call.kind === "step") (a.scheduler.step as (...args: unknown[]) => void)(...call.args);
    else accepted = createScheduler(a.optimizer, call.config as never);
  } catch (e) {
    error = e;
  }

  if (error !== undefined) {
    if (call.kind === "load") {
      expectTypedRefusal(error, { ...(call.dict as object), ...(call.policy as object) }, ["(state dict)", "loadStateDict options"], what);
      if (!pointsInto(error.path, call.dict, ["(state dict)"])) expect(pointsInto(error.path, call.policy, ["loadStateDict options"]), error.message).toBe(true);
    } else if (call.kind === "step") {
      expectTypedRefusal(error, { paramGroups: a.optimizer.paramGroups }, [""], what);
    } else {
      // Paths name params (absent params are no options), the config's own fields, or the optimizer.
      const config = call.config as { params?: unknown };
      const params = typeof config === "object" && config !== null && typeof config.params === "object" && config.params !== null ? config.params : {};
      const path = (error as { path?: unknown }).path;
      const inParams = typeof path === "string" && pointsInto(path, params, ["options"]);
      expectTypedRefusal(error, inParams ? params : { ...(config as object), paramGroups: a.optimizer.paramGroups }, ["options", "config"], what);
    }
    expect(groupsSnapshot(a.optimizer), `${what}: a refused call changed the groups (${(error as Error).message})`).toBe(groups);
    expect(schedulerSnapshot(a.scheduler), `${what}: a refused call changed the scheduler (${(error as Error).message})`).toBe(state);
    expectSameNextStep(a, b, step, what);
    return;
  }

  if (call.kind === "load") expect(call.badPolicy, `${what}: the policy ${String(call.policy)} was accepted`).toBe(false);
  if (call.kind === "construct") {
    expectFinite(a.optimizer, accepted!, `${what}: accepted`);
    expectSensibleState(accepted!, `${what}: accepted`);
    // (get_scheduler and create_scheduler_v2 return a scheduler of another type.)
    if (accepted!.type === (call.config as { type?: unknown }).type) expect(spelledRight(accepted!, call.config), `${what}: accepted a key that is no option's spelling: ${JSON.stringify(call.config)}`).toBe(true);
    return;
  }
  expectFinite(a.optimizer, a.scheduler, `${what}: accepted`);
  expectSensibleState(a.scheduler, `${what}: accepted`);
  if (call.kind === "load") {
    const dict = call.dict as { lastEpoch?: unknown; format?: unknown };
    if (dict.format === "lr-schedulers" && typeof dict.lastEpoch === "number") expect(a.scheduler.lastEpoch, `${what}: the restored counter`).toBe(dict.lastEpoch);
    const config = (call.policy as { config?: string } | undefined)?.config;
    if (config === "current" || config === "strict") expect(optionsOf(a.scheduler), `${what}: options under "${config}"`).toBe(optionsOf(b.scheduler));
  }
  expectCheckpointReloads(a, () => buildCase(c), step, what);
}

describe("every call is a transaction: refused and unchanged, or accepted exactly", () => {
  it.each(types)("%s", (type) => {
    const property = scheduleCase(type).chain((c) =>
      fc.record({ acts: actions(c, 30), seed: fc.nat(1000) }).chain(({ acts, seed }) => {
        const built = replay(c, acts, seed);
        return fc.record({ c: fc.constant(c), acts: fc.constant(acts), seed: fc.constant(seed), call: badCalls(c, built) });
      }),
    );
    fc.assert(
      fc.property(property, ({ c, acts, seed, call }) => checkBadCall(c, acts, seed, call)),
      { numRuns: 30 },
    );
  });
});

// ---- load time ------------------------------------------------------------------------------------

/** Times one load of `dict` into a scheduler made by `fresh` (built untimed, warmed by one load of its own dict). */
function expectBoundedLoad(fresh: () => Built, dict: unknown, what: string): void {
  const budget = loadBudgetMs(dict);
  const ms = timeOf(() => {
    const { scheduler } = fresh();
    scheduler.loadStateDict(json(scheduler.stateDict()));
    return () => scheduler.loadStateDict(dict);
  }, budget);
  expect(ms, `${what}: a load of ${JSON.stringify(dict).length} bytes took ${ms.toFixed(1)} ms\n${JSON.stringify(dict)}`).toBeLessThan(budget);
}

describe("every load is bounded by the dict's size (10 ms per KB), whatever its counts", () => {
  it.each(types)("%s", (type) => {
    const property = scheduleCase(type).chain((c) =>
      fc.record({ acts: actions(c, 20) }).chain(({ acts }) => {
        const own = json(replay(c, acts, 0).scheduler.stateDict());
        return fc.record({ c: fc.constant(c), dict: fc.oneof({ weight: 3, arbitrary: withBigNumbers(own) }, { weight: 1, arbitrary: mutated(own) }) });
      }),
    );
    fc.assert(
      fc.property(property, ({ c, dict }) => expectBoundedLoad(() => buildCase(c), dict, type)),
      { numRuns: 15 },
    );
  });
});

// ---- the reference's own state dicts --------------------------------------------------------------

const referenceCases = loadReferenceCases().filter((c) => !c.expectError && Object.keys(c.stateDicts ?? {}).length > 0 && types.includes(c.type));
const referenceTypes = [...new Set(referenceCases.map((c) => c.type))].sort();

/** A scheduler of a trace case before any step (a reference dict is loaded into a fresh one, as a resume does). */
function freshReference(c: ReferenceCase): Built {
  const optimizer = freshOptimizer(c);
  return { optimizer, scheduler: buildScheduler(c, optimizer) };
}

function checkReferenceLoad(c: ReferenceCase, k: number, dict: unknown, policy: unknown): void {
  const a = freshReference(c);
  const b = freshReference(c);
  const step = (s: LRScheduler) => replayStep(s, c.steps[k] ?? c.steps[c.steps.length - 1] ?? {});
  const what = `${c.id}, reference dict of step ${k}`;
  const groups = groupsSnapshot(a.optimizer);
  const state = schedulerSnapshot(a.scheduler);
  try {
    a.scheduler.loadStateDict(dict, policy as never);
  } catch (error) {
    expectTypedRefusal(error, dict, ["(state dict)"], what);
    expect(groupsSnapshot(a.optimizer), `${what}: a refused load changed the groups (${error.message})`).toBe(groups);
    expect(schedulerSnapshot(a.scheduler), `${what}: a refused load changed the scheduler (${error.message})`).toBe(state);
    expectSameNextStep(a, b, step, what);
    return;
  }
  expectFinite(a.optimizer, a.scheduler, `${what}: accepted`);
  expectSensibleState(a.scheduler, `${what}: accepted`);
  expectCheckpointReloads(a, () => freshReference(c), step, what);
}

describe("mutated reference state dicts: refused and unchanged, or accepted exactly, in bounded time", () => {
  it.each(referenceTypes)("%s", (type) => {
    const dicts = referenceCases.filter((c) => c.type === type).flatMap((c) => Object.entries(c.stateDicts).map(([k, dict]) => ({ id: c.id, k: Number(k), dict })));
    const byId = new Map(referenceCases.map((c) => [c.id, c]));
    const property = fc.constantFrom(...dicts).chain(({ id, k, dict }) =>
      fc.record({
        id: fc.constant(id),
        k: fc.constant(k),
        dict: fc.oneof({ weight: 4, arbitrary: mutated(dict) }, { weight: 2, arbitrary: withBigNumbers(dict) }, { weight: 1, arbitrary: fc.constant(dict) }),
        policy: fc.constantFrom(...POLICIES),
      }),
    );
    fc.assert(
      fc.property(property, ({ id, k, dict, policy }) => {
        const c = byId.get(id)!;
        expectBoundedLoad(() => freshReference(c), dict, c.id);
        checkReferenceLoad(c, k, dict, policy);
      }),
      { numRuns: 40 },
    );
  });
});
