/**
 * Every invalid option set is refused by an LRSchedulerError that names the option as the caller
 * spelled it, and nothing else escapes: a valid config of each type gets one option replaced by a
 * wrong value (wrong type, non-finite, negative, huge, fractional), or an unknown key added.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { InvalidOptimizerError, InvalidOptionError, LRSchedulerError, knownSchedulerTypes } from "../../src/index.js";
import { buildCase, perform, scheduleCase, type ScheduleCase } from "../support/arbitraries.js";
import { HOSTILE_KEYS, hostileJson, nastyNumber, ownObject } from "./json-fuzz.js";

/** Options that hold sub-schedule configs or functions: fuzzed through their own types. */
const NESTED = new Set(["schedule", "schedules", "schedulers", "lr_lambda"]);

const wrongValue = fc.oneof(nastyNumber, fc.constantFrom("text", null, true, [], {}, [1, "a"], { a: 1 }), hostileJson);

type Mutation = { kind: "replace"; key: string; value: unknown } | { kind: "unknown"; key: string; value: unknown };

function mutations(c: ScheduleCase): fc.Arbitrary<Mutation> {
  const keys = Object.keys(c.config.params).filter((k) => !NESTED.has(k));
  const unknown = fc.record({ kind: fc.constant("unknown" as const), key: fc.constantFrom("not_an_option", "stepsize", ...HOSTILE_KEYS), value: wrongValue });
  if (keys.length === 0) return unknown;
  return fc.oneof({ weight: 4, arbitrary: fc.record({ kind: fc.constant("replace" as const), key: fc.constantFrom(...keys), value: wrongValue }) }, { weight: 1, arbitrary: unknown });
}

function applyMutation(c: ScheduleCase, m: Mutation): ScheduleCase {
  const entries = Object.entries(c.config.params).filter(([k]) => m.kind !== "replace" || k !== m.key);
  return { ...c, config: { ...c.config, params: ownObject([...entries, [m.key, m.value]]) } };
}

/** The option an error names, without its index or sub-key: `max_lr[1]` -> `max_lr`. */
const rootOf = (option: string) => option.split(/[[.]/)[0]!;

describe("invalid options are refused by a typed error that names the option", () => {
  for (const type of knownSchedulerTypes()) {
    it(type, () => {
      const property = scheduleCase(type).chain((c) => fc.record({ c: fc.constant(c), m: mutations(c) }));
      fc.assert(
        fc.property(property, ({ c, m }) => {
          const mutated = applyMutation(c, m);
          let built: ReturnType<typeof buildCase>;
          try {
            built = buildCase(mutated);
          } catch (error) {
            expect(error).toBeInstanceOf(LRSchedulerError);
            if (m.kind === "unknown") {
              expect(error).toBeInstanceOf(InvalidOptionError);
              expect((error as InvalidOptionError).option).toBe(m.key);
            } else if (error instanceof InvalidOptionError) {
              // The replaced option, the one a cross-option rule compares it with, or (get_scheduler's
              // kwargs replaced) a key inside the new kwargs or a required option now missing.
              const written = [...Object.keys(mutated.config.params), ...(typeof m.value === "object" && m.value !== null ? Object.keys(m.value) : [])];
              // Values that pass every check but overflow at the first step are refused as a whole.
              const overflow = error.option === "options" && error.expected.startsWith("values that give finite values");
              const named = written.includes(rootOf(error.option)) || error.expected.startsWith("given") || overflow;
              expect(named, error.message).toBe(true);
            } else {
              expect(error, (error as Error).message).toBeInstanceOf(InvalidOptimizerError);
            }
            return;
          }
          // Accepted (the value was valid after all): stepping may only fail with a typed error.
          expect(m.kind).toBe("replace");
          try {
            for (let k = 0; k < 20; k++) perform(built.scheduler, mutated, { kind: "step" }, k);
          } catch (error) {
            expect(error, String(error)).toBeInstanceOf(LRSchedulerError);
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});
