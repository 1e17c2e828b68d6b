/**
 * Fuzzing the two doors that take outside JSON: `createScheduler` and `loadStateDict`. Random JSON
 * (wrong types, missing and extra keys, huge and negative numbers, `__proto__` / `constructor`
 * keys, other schedulers' state dicts) may only be refused with an LRSchedulerError; a refused
 * load leaves the scheduler and the optimizer as they were; nothing pollutes the prototypes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { LRSchedulerError, createScheduler, knownSchedulerTypes } from "../../src/index.js";
import { adam, sgd } from "../support/optimizer.js";
import { actions, buildCase, perform, scheduleCase, type ScheduleCase } from "../support/arbitraries.js";
import { HOSTILE_KEYS, hostileJson, ownObject, prototypeSnapshot } from "./json-fuzz.js";

const types = knownSchedulerTypes();
const anyCase = fc.constantFrom(...types).chain(scheduleCase);

/** Rewrites the value at a random path of a JSON tree: replaced, deleted, or given a hostile sibling key. */
function mutateAt(value: unknown, path: number[], replacement: unknown, mode: number): unknown {
  if (typeof value !== "object" || value === null) return replacement;
  const entries: [string, unknown][] = Object.entries(value);
  if (entries.length === 0 || path.length === 0) {
    const extra: [string, unknown] = [HOSTILE_KEYS[mode % HOSTILE_KEYS.length]!, replacement];
    return Array.isArray(value) ? [...value, replacement] : ownObject([...entries, extra]);
  }
  const [head, ...rest] = path as [number, ...number[]];
  const at = head % entries.length;
  const key = entries[at]![0];
  const next = rest.length === 0 && mode % 3 === 0 ? undefined : mutateAt(entries[at]![1], rest, replacement, mode);
  if (Array.isArray(value)) return value.map((v, i) => (i === at ? next : v)).filter((_, i) => i !== at || next !== undefined);
  return ownObject(entries.filter(([k]) => k !== key || next !== undefined).map(([k, v]) => [k, k === key ? next : v]));
}

/** A state dict of another running schedule (any type), through JSON. */
const foreignStateDict = anyCase.map((c) => {
  const { scheduler } = buildCase(c);
  scheduler.step(...(c.drive === "metric" ? [0.5] : c.drive === "epochMetric" ? [1, 0.5] : []));
  return JSON.parse(JSON.stringify(scheduler.stateDict())) as unknown;
});

/** The reference implementations' own dict keys, with hostile values. */
const referenceLike = fc
  .record({ last_epoch: hostileJson, base_lrs: hostileJson, _last_lr: hostileJson, last_batch_iteration: hostileJson, num_steps: hostileJson, _schedulers: hostileJson }, { requiredKeys: [] })
  .map((r) => ownObject(Object.entries(r)));

function candidates(own: unknown): fc.Arbitrary<unknown> {
  const mutated = fc
    .record({ path: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), replacement: hostileJson, mode: fc.nat() })
    .map(({ path, replacement, mode }) => mutateAt(own, path, replacement, mode));
  return fc.oneof({ weight: 4, arbitrary: mutated }, hostileJson, foreignStateDict, referenceLike);
}

describe("loadStateDict refuses bad JSON with a typed error and changes nothing", () => {
  it.each(types)("%s", (type) => {
    const property = scheduleCase(type).chain((c: ScheduleCase) =>
      fc.record({ c: fc.constant(c), acts: actions(c, 40) }).chain(({ c, acts }) => {
        const { optimizer, scheduler } = buildCase(c);
        acts.forEach((a, n) => perform(scheduler, c, a, n));
        const own = JSON.parse(JSON.stringify(scheduler.stateDict())) as unknown;
        return fc.record({ c: fc.constant(c), built: fc.constant({ optimizer, scheduler }), dict: candidates(own) });
      }),
    );
    const proto = prototypeSnapshot();
    fc.assert(
      fc.property(property, ({ c, built: { optimizer, scheduler }, dict }) => {
        const before = JSON.stringify([scheduler.stateDict(), optimizer.paramGroups]);
        try {
          scheduler.loadStateDict(dict);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(LRSchedulerError);
          expect(JSON.stringify([scheduler.stateDict(), optimizer.paramGroups]), "a refused load changed something").toBe(before);
        }
        expect(prototypeSnapshot()).toBe(proto);
        // Accepted or not, the scheduler keeps working and only typed errors come out of it.
        try {
          perform(scheduler, c, { kind: "step" }, 0);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(LRSchedulerError);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("createScheduler refuses bad configs with a typed error", () => {
  const typeName = fc.oneof(fc.constantFrom(...types), fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 6 }));
  /** Params built from a valid config of the type: some options kept, some replaced by hostile JSON, hostile keys added. */
  const params = anyCase.chain((c) => {
    const entries = Object.entries(c.config.params);
    return fc
      .tuple(fc.array(fc.tuple(fc.boolean(), hostileJson), { minLength: entries.length, maxLength: entries.length }), fc.array(fc.tuple(fc.constantFrom(...HOSTILE_KEYS), hostileJson), { maxLength: 2 }))
      .map(([swaps, extra]) => ({ type: c.config.type, params: ownObject([...entries.map(([k, v], i): [string, unknown] => [k, swaps[i]![0] ? swaps[i]![1] : v]), ...extra]) }));
  });
  const config = fc.oneof(
    params,
    fc.record({ type: typeName, params: hostileJson }, { requiredKeys: [] }).map((r) => ownObject(Object.entries(r))),
    params.map((section) => ({ optimizer: { type: "Adam", params: { lr: 0.001 } }, scheduler: section })),
    hostileJson,
  );

  it("only typed errors come out, and no prototype is polluted", () => {
    const proto = prototypeSnapshot();
    fc.assert(
      fc.property(config, fc.boolean(), (cfg, useAdam) => {
        const optimizer = useAdam ? adam(0.01, 0.001) : sgd(0.01, 0.001);
        try {
          createScheduler(optimizer, cfg as Record<string, unknown>);
        } catch (error) {
          expect(error, String(error)).toBeInstanceOf(LRSchedulerError);
        }
        expect(prototypeSnapshot()).toBe(proto);
      }),
      { numRuns: 1500 },
    );
  });
});
