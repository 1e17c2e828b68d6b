/**
 * JSON has no NaN or Infinity, and Python's json writes them as bare tokens that other parsers
 * reject; state dicts therefore carry non-finite numbers as the strings "Infinity", "-Infinity" and "NaN".
 */

export type JsonNumber = number | "Infinity" | "-Infinity" | "NaN";

/** Encodes a number so that `JSON.stringify` keeps it. */
export function encodeNumber(value: number): JsonNumber {
  if (Number.isFinite(value)) return value;
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "Infinity" : "-Infinity";
}

/** Decodes a number written by `encodeNumber` (or by Python with inf/nan turned into strings); `undefined` if it is neither. */
export function decodeNumber(value: unknown): number | undefined {
  if (typeof value === "number") return value;
  switch (value) {
    case "Infinity":
    case "inf":
      return Infinity;
    case "-Infinity":
    case "-inf":
      return -Infinity;
    case "NaN":
    case "nan":
      return NaN;
    default:
      return undefined;
  }
}
