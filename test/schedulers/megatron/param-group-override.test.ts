import { describe, expect, it } from "vitest";
import { InvalidOptionError, combineParamGroupOverrides, paramGroupOverrideToKey } from "../../../src/index.js";
import { thrown } from "../../support/optimizer.js";

describe("paramGroupOverrideToKey", () => {
  it("gives the same key whatever the order of the keys, and null for no override", () => {
    const a = paramGroupOverrideToKey({ maxLr: 1e-3, wdMult: 0 });
    const b = paramGroupOverrideToKey({ wdMult: 0, maxLr: 1e-3 });
    expect(a).toBe(b);
    expect(a).toBe('{"maxLr":0.001,"wdMult":0}');
    expect(paramGroupOverrideToKey(null)).toBeNull();
    expect(paramGroupOverrideToKey(undefined)).toBeNull();
  });

  it("tells different values apart, treats undefined keys as absent and orders nested objects too", () => {
    expect(paramGroupOverrideToKey({ wdMult: 0 })).not.toBe(paramGroupOverrideToKey({ wdMult: 0.1 }));
    expect(paramGroupOverrideToKey({ wdMult: 0, minLr: undefined })).toBe(paramGroupOverrideToKey({ wdMult: 0 }));
    expect(paramGroupOverrideToKey({ extra: { b: 1, a: 2 } })).toBe(paramGroupOverrideToKey({ extra: { a: 2, b: 1 } }));
    expect(paramGroupOverrideToKey({ maxLr: Infinity })).not.toBe(paramGroupOverrideToKey({ maxLr: NaN }));
  });

  it("works as a Map key for grouping parameters", () => {
    const byOverride = new Map<string | null, string[]>();
    const rules: [string, Record<string, number> | null][] = [
      ["bias", { wdMult: 0 }],
      ["embedding", { maxLr: 1e-4, wdMult: 0 }],
      ["norm", { wdMult: 0 }],
      ["weight", null],
      ["head", { wdMult: 0, maxLr: 1e-4 }],
    ];
    for (const [name, override] of rules) {
      const key = paramGroupOverrideToKey(override);
      byOverride.set(key, [...(byOverride.get(key) ?? []), name]);
    }
    expect([...byOverride.values()]).toEqual([["bias", "norm"], ["embedding", "head"], ["weight"]]);
  });
});

describe("combineParamGroupOverrides", () => {
  it("merges overrides, skipping null and undefined, and accepts repeated equal values", () => {
    expect(combineParamGroupOverrides([{ wdMult: 0 }, null, { maxLr: 1e-4, wdMult: 0 }, undefined])).toEqual({ wdMult: 0, maxLr: 1e-4 });
    expect(combineParamGroupOverrides([])).toEqual({});
    expect(combineParamGroupOverrides([null])).toEqual({});
  });

  it("throws InvalidOptionError naming the key and both values when two overrides disagree", () => {
    const error = thrown(() => combineParamGroupOverrides([{ maxLr: 1e-3 }, { minLr: 0 }, { maxLr: 2e-3 }])) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("maxLr");
    expect(error.value).toBe(2e-3);
    expect(error.message).toContain("0.001");
    expect(error.message).toContain("0.002");
  });

  it("compares nested values by content and keeps keys such as __proto__ as plain data", () => {
    expect(combineParamGroupOverrides([{ extra: [1, 2] }, { extra: [1, 2] }])).toEqual({ extra: [1, 2] });
    expect(thrown(() => combineParamGroupOverrides([{ extra: [1, 2] }, { extra: [2, 1] }]))).toBeInstanceOf(InvalidOptionError);
    const combined = combineParamGroupOverrides([JSON.parse('{"__proto__": {"polluted": 1}}') as Record<string, unknown>]);
    expect(Object.keys(combined)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
