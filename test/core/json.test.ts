import { describe, expect, it } from "vitest";
import { decodeNumber, encodeNumber } from "../../src/index.js";

describe("non-finite numbers in JSON", () => {
  it("round-trips every double through JSON", () => {
    for (const value of [0, -0.5, 1e-300, Infinity, -Infinity, NaN]) {
      const back = decodeNumber(JSON.parse(JSON.stringify(encodeNumber(value))));
      expect(Object.is(back, value) || (value === 0 && back === 0)).toBe(true);
    }
  });
  it("reads Python's spellings and refuses anything else", () => {
    expect(decodeNumber("inf")).toBe(Infinity);
    expect(decodeNumber("-inf")).toBe(-Infinity);
    expect(decodeNumber("nan")).toBeNaN();
    expect(decodeNumber("1.5")).toBeUndefined();
    expect(decodeNumber(null)).toBeUndefined();
  });
});
