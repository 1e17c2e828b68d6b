/** Random JSON for the fuzz tests, with the keys that attack plain-object code: `__proto__`, `constructor`, `prototype`. */
import fc from "fast-check";

export const HOSTILE_KEYS = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty"] as const;

/** An object whose keys are own properties, `__proto__` included (as `JSON.parse` makes them). */
export function ownObject(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  return out;
}

/** Numbers that break arithmetic: huge, tiny, negative, non-integer, and the non-finite ones as JSON writes them. */
export const nastyNumber = fc.oneof(
  fc.constantFrom(0, -0, -1, 1, 0.5, -0.5, 1e308, -1e308, 5e-324, 2 ** 53, -(2 ** 53), 1e21),
  fc.double({ noNaN: false }),
  fc.constantFrom("Infinity", "-Infinity", "NaN", "1e3"),
);

const { tree } = fc.letrec((tie) => ({
  tree: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    nastyNumber,
    fc.string({ maxLength: 8 }),
    fc.array(tie("tree"), { maxLength: 4 }),
    tie("object"),
  ),
  object: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...HOSTILE_KEYS), fc.string({ maxLength: 8 })), tie("tree")), { maxLength: 5 }).map(ownObject),
}));

/** Any JSON-like value, hostile keys and nasty numbers included. */
export const hostileJson: fc.Arbitrary<unknown> = tree;

/** Object.prototype's own keys and a probe value, to detect pollution. */
export function prototypeSnapshot(): string {
  return JSON.stringify([Object.getOwnPropertyNames(Object.prototype).sort(), Object.getOwnPropertyNames(Array.prototype).sort(), ({} as Record<string, unknown>).polluted]);
}
