/**
 * Per-group overrides of Megatron's OptimizerParamScheduler. A group that carries `maxLr`, `minLr`,
 * `startWd`, `endWd` or `wdMult` follows the shared schedule with its own values. Training code
 * groups parameters by their override, so an override needs a stable key (the same whatever the
 * order of its keys) and a safe way to merge the overrides of several rules.
 */
import { InvalidOptionError } from "../../core/errors.js";
import { encodeNumber } from "../../core/json.js";

/** Values one param group may override; other keys are allowed and kept (custom optimizers read them). */
export interface ParamGroupOverride {
  /** The group's peak lr, instead of the scheduler's `maxLr`. */
  maxLr?: number;
  /** The group's floor lr, instead of the scheduler's `minLr`. */
  minLr?: number;
  /** The group's weight decay at the start of the increment. */
  startWd?: number;
  /** The group's weight decay at the end of the increment. */
  endWd?: number;
  /** Multiplies the scheduled weight decay of the group (1 when absent; 0 switches weight decay off). */
  wdMult?: number;
  [key: string]: unknown;
}

/** JSON with object keys sorted at every level and non-finite numbers kept, so equal values give equal text. */
function canonicalJson(value: unknown): string {
  if (typeof value === "number") return JSON.stringify(encodeNumber(value));
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/**
 * A key for a `Map` (or a plain object) that is the same for overrides with the same entries in any
 * order; `null` for no override. Keys whose value is `undefined` count as absent.
 * @example
 * paramGroupOverrideToKey({ wdMult: 0, maxLr: 1e-3 }) === paramGroupOverrideToKey({ maxLr: 1e-3, wdMult: 0 }); // true
 */
export function paramGroupOverrideToKey(override: ParamGroupOverride | null | undefined): string | null {
  return override === null || override === undefined ? null : canonicalJson(override);
}

/** Numbers and strings compare by value (so NaN conflicts with itself, as in Python); objects and lists by content. */
function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) return canonicalJson(a) === canonicalJson(b);
  return a === b;
}

/**
 * Merges the overrides of several rules that match the same parameters into one; `null`/`undefined`
 * entries are skipped. Two rules may set the same key only to the same value.
 * @throws InvalidOptionError naming the key, with both values, when two overrides disagree
 * @example
 * combineParamGroupOverrides([{ wdMult: 0 }, null, { maxLr: 1e-4 }]); // { wdMult: 0, maxLr: 1e-4 }
 */
export function combineParamGroupOverrides(overrides: readonly (ParamGroupOverride | null | undefined)[]): ParamGroupOverride {
  const combined: ParamGroupOverride = {};
  for (const override of overrides) {
    if (override === null || override === undefined) continue;
    for (const [key, value] of Object.entries(override)) {
      if (value === undefined) continue;
      if (Object.prototype.hasOwnProperty.call(combined, key) && !sameValue(combined[key], value)) {
        throw new InvalidOptionError("combineParamGroupOverrides", key, value, `${canonicalJson(combined[key])}, the value an earlier override gave it (conflicting overrides)`);
      }
      Object.defineProperty(combined, key, { value, enumerable: true, writable: true, configurable: true });
    }
  }
  return combined;
}
