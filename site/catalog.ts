/**
 * Every type the library registers, with its family and option schema, as the page lists them:
 * `knownSchedulerTypes()`, the family from `configSchema(type)`'s title ("StepLR (torch)") or, for a
 * type with no option schema (a factory such as `get_scheduler`), from which `"<family>.<type>"`
 * `createScheduler` recognises. The examples are the docs plots' own (docs/plot-configs*.json).
 */
import { configSchema, createScheduler, knownSchedulerTypes, LRSchedulerError } from "lr-schedulers";
import type { Schedule } from "./state.js";

/** A JSON Schema node, as `configSchema` writes them. */
export interface JsonSchema {
  type?: string;
  enum?: string[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
  perGroup?: boolean;
  schedulerConfig?: boolean;
}

export interface TypeInfo {
  type: string;
  family: string;
  /** The schema of `params`; undefined for a type `configSchema` does not describe. */
  params?: JsonSchema;
  /** Why the page cannot run it (an option that only code can give: a function). */
  codeOnly?: string;
  example: Example;
}

/** A docs plot example: params, steps and the groups it runs on. */
export interface Example {
  params: Record<string, unknown>;
  steps: number;
  lr?: number | number[];
  groups?: Schedule["groups"];
  metrics?: Schedule["metrics"];
  functions?: Record<string, string>;
}

declare const __EXAMPLES__: Record<string, Example>;

/** The families in the order the list shows them. */
const FAMILY_ORDER = ["torch", "transformers", "deepspeed", "megatron", "bionemo", "timm", "keras", "optax", "sambaflow", "extensions"];

/** A schema only a function (or a list of them) satisfies. */
export const isFunctionOnly = (s: JsonSchema): boolean =>
  s.anyOf ? s.anyOf.every(isFunctionOnly) : s.type === "array" ? s.items !== undefined && isFunctionOnly(s.items) : s.type === undefined && /code only/.test(s.description ?? "");

function familyByProbe(type: string): string {
  for (const family of FAMILY_ORDER) {
    const config: Record<string, unknown> = { type: `${family}.${type}` };
    try {
      createScheduler({ paramGroups: [{ lr: 1 }] }, config);
      return family;
    } catch (error) {
      if (!(error instanceof LRSchedulerError) || error.code !== "unknown-scheduler-type" || error.path !== "type") return family;
    }
  }
  return "other";
}

function describe(type: string): TypeInfo {
  const example = __EXAMPLES__[type] ?? { params: {}, steps: 100 };
  let schema: { title: string; properties: { params: JsonSchema } } | undefined;
  try {
    schema = configSchema(type) as typeof schema;
  } catch {
    return { type, family: familyByProbe(type), example };
  }
  const params = schema!.properties.params;
  const info: TypeInfo = { type, family: /\((.+)\)$/.exec(schema!.title)?.[1] ?? "other", params, example };
  const needsCode = (params.required ?? []).filter((key) => isFunctionOnly(params.properties?.[key] ?? {}));
  if (needsCode.length > 0) info.codeOnly = `${needsCode.join(", ")}: a function, which only code can give`;
  return info;
}

let catalog: Map<string, TypeInfo> | undefined;

/** Every registered type by name. */
export function types(): Map<string, TypeInfo> {
  catalog ??= new Map(knownSchedulerTypes().map((type) => [type, describe(type)]));
  return catalog;
}

/** The listed name of a type as the user may spell it (`torch.StepLR`, `keras.CosineDecay`), or the type itself. */
export function canonicalType(type: string): string {
  if (types().has(type)) return type;
  try {
    const name = (configSchema(type) as { properties: { type: { const: string } } }).properties.type.const;
    if (types().has(name)) return name;
  } catch {
    // not a described type: createScheduler will say what it is
  }
  return type;
}

/** Families in display order, each with its types sorted by name. */
export function byFamily(): [string, TypeInfo[]][] {
  const groups = new Map<string, TypeInfo[]>();
  for (const info of types().values()) groups.set(info.family, [...(groups.get(info.family) ?? []), info]);
  const rank = (f: string) => (FAMILY_ORDER.includes(f) ? FAMILY_ORDER.indexOf(f) : FAMILY_ORDER.length);
  return [...groups].sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b));
}

/** A schedule of `type` with the docs example's params and groups (one group with lr 1 where the example gives none). */
export function exampleSchedule(type: string): { schedule: Schedule; steps: number } {
  const { params, steps, lr, groups, metrics } = types().get(type)?.example ?? { params: {}, steps: 100 };
  const schedule: Schedule = { type, params: structuredClone(params) };
  if (groups !== undefined) schedule.groups = structuredClone(groups);
  else if (lr !== undefined) schedule.groups = (Array.isArray(lr) ? lr : [lr]).map((v) => ({ lr: v }));
  if (metrics !== undefined) schedule.metrics = metrics;
  return { schedule, steps };
}
