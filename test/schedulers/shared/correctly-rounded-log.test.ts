import { describe, expect, it } from "vitest";
import { correctlyRoundedLog } from "../../../src/schedulers/shared/correctly-rounded-log.js";

/** Fixed-point precision of the reference logarithm, in bits. */
const BITS = 300n;

/** atanh(p / q) * 2**BITS, for 0 <= p / q < 1, by its series. */
function atanhFixed(p: bigint, q: bigint): bigint {
  const z = (p << BITS) / q;
  const z2 = (z * z) >> BITS;
  let term = z;
  let sum = 0n;
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * z2) >> BITS;
  }
  return sum;
}

const LN2_FIXED = 2n * atanhFixed(1n, 3n);

/** ln(x) to 300 bits from x's exact binary value, rounded once to a double (Number(bigint) rounds to nearest). */
function referenceLog(x: number): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let exponent = biased === 0 ? -1074 : biased - 1075;
  if (biased !== 0) mantissa |= 1n << 52n;
  while (mantissa < 1n << 52n) {
    mantissa <<= 1n;
    exponent -= 1;
  }
  // x = (mantissa / 2**52) * 2**(exponent + 52), mantissa / 2**52 in [1, 2).
  const lnFraction = 2n * atanhFixed(mantissa - (1n << 52n), mantissa + (1n << 52n));
  return Number(lnFraction + BigInt(exponent + 52) * LN2_FIXED) * 2 ** -Number(BITS);
}

/** A small deterministic generator for the sweep. */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

describe("correctlyRoundedLog", () => {
  it("gives glibc's (correctly rounded) values where V8's Math.log is one ulp off", () => {
    expect(correctlyRoundedLog(3)).toBe(1.0986122886681098);
    expect(Math.log(3)).toBe(1.0986122886681096);
    expect(correctlyRoundedLog(10)).toBe(2.302585092994046);
    expect(correctlyRoundedLog(2)).toBe(0.6931471805599453);
  });

  it("gives CPython's math.log(x, base) quotients at exact powers (the timm cycle boundaries)", () => {
    expect(correctlyRoundedLog(1000) / correctlyRoundedLog(10)).toBe(2.9999999999999996);
    expect(correctlyRoundedLog(243) / correctlyRoundedLog(3)).toBe(4.999999999999999);
    // V8's own logs put 243 exactly on the boundary, which moves timm's floor.
    expect(Math.log(243) / Math.log(3)).toBe(5);
  });

  it("handles the edges as Math.log does", () => {
    expect(correctlyRoundedLog(1)).toBe(0);
    expect(correctlyRoundedLog(0)).toBe(-Infinity);
    expect(correctlyRoundedLog(-1)).toBeNaN();
    expect(correctlyRoundedLog(NaN)).toBeNaN();
    expect(correctlyRoundedLog(Infinity)).toBe(Infinity);
    expect(correctlyRoundedLog(Number.MIN_VALUE)).toBe(referenceLog(Number.MIN_VALUE));
    expect(correctlyRoundedLog(Number.MAX_VALUE)).toBe(referenceLog(Number.MAX_VALUE));
  });

  it("agrees with a 300-bit reference on a sweep of 12,000 values (where Math.log does not always)", () => {
    const random = lcg(2024);
    const xs: number[] = [];
    for (let k = 0; k < 6000; k++) xs.push(Math.exp((random() - 0.5) * 1400));
    for (let k = 0; k < 2000; k++) xs.push(1 + (random() - 0.5) * 1e-3);
    for (let k = 1; k <= 2000; k++) xs.push(k, 1 + k / 7);
    // timm's arguments: 1 - t / t_initial * (1 - cycle_mul)
    for (const mul of [2, 3, 10, 1.5, 0.5]) for (let t = 0; t < 400; t++) if (1 - t * (1 - mul) > 0) xs.push(1 - t * (1 - mul));
    let mathLogMisses = 0;
    const misses: number[] = [];
    for (const x of xs) {
      const want = referenceLog(x);
      if (correctlyRoundedLog(x) !== want) misses.push(x);
      if (Math.log(x) !== want) mathLogMisses++;
    }
    expect(xs.length).toBeGreaterThan(12000);
    expect(misses).toEqual([]);
    expect(mathLogMisses).toBeGreaterThan(0);
  });
});
