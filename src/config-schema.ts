/**
 * `configSchema(type)`: the JSON Schema of a `{ type, params }` config for one scheduler type, made by
 * zod's own `toJSONSchema` from the type's option schemas (each building block records its JSON
 * Schema in zod's registry). Editors can validate config files with it; the playground builds its
 * forms from it. Keys are the Python spellings (`step_size`), as configs from Python use them.
 */
import * as z from "zod/mini";
import { fieldsOf } from "./core/build.js";
import { pythonName } from "./core/options.js";
import { builtinFactories } from "./schedulers/builtins.js";
import { registeredFactories } from "./core/registry.js";
import { UnknownSchedulerTypeError } from "./core/errors.js";
import { closestName } from "./core/options.js";
import type { ScheduleDefinition } from "./core/schedule.js";

function definitionOf(type: string): ScheduleDefinition | undefined {
  const factory = registeredFactories().get(type) ?? builtinFactories().find((f) => f.type === type || `${f.family}.${f.type}` === type);
  return factory?.definition;
}

/**
 * The JSON Schema (draft 2020-12) of `{ type, params }` for `type`; `params` lists every option under
 * its Python name, with its default and what it accepts.
 * @throws UnknownSchedulerTypeError for a type with no option schema (not a built-in or registered schedule)
 * @example
 * const schema = configSchema("StepLR"); // { type: "object", properties: { type: { const: "StepLR" }, params: { properties: { step_size: ... } } } }
 */
export function configSchema(type: string): Record<string, unknown> {
  const definition = definitionOf(type);
  if (definition === undefined) {
    const known = builtinFactories().map((f) => f.type);
    throw new UnknownSchedulerTypeError(type, known, closestName(type, known));
  }
  const fields = fieldsOf(definition);
  const params = Object.fromEntries(Object.entries(fields).map(([key, schema]) => [pythonName(key), schema]));
  const json = z.toJSONSchema(z.strictObject(params), { unrepresentable: "any", io: "input" }) as Record<string, unknown>;
  delete json.$schema;
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: `${definition.type} (${definition.family})`,
    type: "object",
    properties: { type: { const: definition.type }, params: json },
    required: ["type"],
    additionalProperties: false,
  };
}
