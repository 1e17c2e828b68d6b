/**
 * What building a schedule's closed form takes: its option schemas (built once per definition), the
 * caller's spelling of an option in errors, and the context `build` gets.
 */
import { InvalidOptimizerError, InvalidOptionError } from "./errors.js";
import type { Optimizer } from "./optimizer.js";
import { pythonName, type OptionFields, type Spelling } from "./options.js";
import type { ChildForm, CompleteForm, ScheduleDefinition } from "./schedule.js";

/** A warning `build` reported, emitted once the scheduler is built. */
export interface Warning {
  code: string;
  message: string;
}

const fieldCache = new WeakMap<ScheduleDefinition, OptionFields>();

/** A definition's option schemas, built on first use. */
export function fieldsOf(definition: ScheduleDefinition): OptionFields {
  let fields = fieldCache.get(definition);
  if (fields === undefined) fieldCache.set(definition, (fields = definition.options()));
  return fields;
}

/** The caller's spelling of an option path built from a camelCase key: `maxLr[1]` -> `max_lr[1]` for a Python caller. */
export function spell(option: string, spelled: Spelling): string {
  const head = /^[A-Za-z0-9_]+/.exec(option)?.[0] ?? option;
  return (spelled[head] ?? pythonName(head)) + option.slice(head.length);
}

/** Runs a definition's `build` with its context (errors name options as the caller spelled them) and fills in the default per-group lr. */
export function buildForm(
  definition: ScheduleDefinition,
  options: object,
  spelled: Spelling,
  optimizer: Optimizer,
  baseLrs: readonly number[],
  children: readonly ChildForm[],
  warnings: Warning[],
): CompleteForm {
  const form = definition.build(options as never, {
    groups: optimizer.paramGroups,
    defaults: optimizer.defaults,
    baseLrs,
    children,
    fail(option, value, expected) {
      throw new InvalidOptionError(definition.type, spell(option, spelled), value, expected);
    },
    failOptimizer(field, value, expected) {
      throw new InvalidOptimizerError(definition.type, field, value, expected);
    },
    warn(code, message) {
      warnings.push({ code, message });
    },
  });
  return form.lr ? (form as CompleteForm) : { ...form, lr: (i: number, s: number) => baseLrs[i]! * s };
}
