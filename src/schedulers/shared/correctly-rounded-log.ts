/**
 * A correctly rounded natural logarithm: the double nearest to ln(x), as glibc's `log` returns it
 * (and so CPython's `math.log`). V8's `Math.log` is within one ulp but not always the nearest double
 * (`Math.log(3)` is 1.0986122886681096, one ulp below ln 3 = 1.0986122886681098...). Where a reference
 * takes `floor(math.log(x, b))` (CPython: `log(x) / log(b)`), that ulp can move the floor at an exact
 * power of `b`; computing both logs with this function gives CPython's quotient.
 *
 * Method: x = m * 2**e with m in [1/sqrt(2), sqrt(2)); ln(x) = e * ln 2 + 2 * atanh(s) with
 * s = (m - 1) / (m + 1), |s| < 0.172, the series summed in double-double arithmetic (about 104
 * bits), then rounded once to a double.
 */

/** ln 2 as a double-double: LN2_HI + LN2_LO. */
const LN2_HI = 0.6931471805599453;
const LN2_LO = 2.3190468138462996e-17;
/** 2**27 + 1, Dekker's splitting constant. */
const SPLIT = 134217729;
/** Terms of the atanh series: s**(2 * TERMS) < 2**-106 for |s| < 0.1716. */
const TERMS = 22;
const MIN_NORMAL = 2.2250738585072014e-308;

// Each double-double helper returns the high part of its result and leaves the low part here.
let low = 0;

/** 1 / (2j + 1) for j = 0..TERMS as double-doubles: entry 2j is the high part, 2j + 1 the low part. */
const RECIPROCALS = /* @__PURE__ */ oddReciprocals(TERMS);

function twoSum(a: number, b: number): number {
  const s = a + b;
  const v = s - a;
  low = a - (s - v) + (b - v);
  return s;
}

function twoProduct(a: number, b: number): number {
  const p = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  low = ah * bh - p + ah * bl + al * bh + al * bl;
  return p;
}

/** (ah + al) + (bh + bl), normalised. */
function add(ah: number, al: number, bh: number, bl: number): number {
  const s = twoSum(ah, bh);
  let se = low;
  const t = twoSum(al, bl);
  const te = low;
  se += t;
  const h = s + se;
  se = se - (h - s) + te;
  const hi = h + se;
  low = se - (hi - h);
  return hi;
}

/** (ah + al) * (bh + bl), normalised. */
function multiply(ah: number, al: number, bh: number, bl: number): number {
  const p = twoProduct(ah, bh);
  const e = low + (ah * bl + al * bh);
  const hi = p + e;
  low = e - (hi - p);
  return hi;
}

/** a / (bh + bl) for a double `a`, as a double-double. */
function divide(a: number, bh: number, bl: number): number {
  const q = a / bh;
  const p = twoProduct(q, bh);
  const r = a - p - low - q * bl;
  const correction = r / bh;
  const hi = q + correction;
  low = correction - (hi - q);
  return hi;
}

function oddReciprocals(terms: number): Float64Array {
  const table = new Float64Array(2 * terms + 2);
  for (let j = 0; j <= terms; j++) {
    const d = 2 * j + 1;
    const hi = 1 / d;
    table[2 * j] = hi;
    table[2 * j + 1] = (1 - twoProduct(hi, d) - low) / d;
  }
  return table;
}

/**
 * ln(x) rounded to the nearest double (NaN, ±Infinity and x <= 0 as `Math.log` gives them).
 * @example
 * correctlyRoundedLog(3); // 1.0986122886681098 (Math.log(3) is 1.0986122886681096)
 * correctlyRoundedLog(243) / correctlyRoundedLog(3); // 4.999999999999999, as CPython's math.log(243, 3)
 */
export function correctlyRoundedLog(x: number): number {
  if (!(x > 0) || x === Infinity) return Math.log(x);
  if (x === 1) return 0;
  let e = 0;
  if (x < MIN_NORMAL) {
    x *= 2 ** 54;
    e = -54;
  }
  const k = Math.round(Math.log2(x));
  const m = x * 2 ** -k;
  e += k;
  // s = (m - 1) / (m + 1); m - 1 is exact for m in [0.5, 2].
  const denominator = twoSum(m, 1);
  const sh = divide(m - 1, denominator, low);
  const sl = low;
  const s2h = multiply(sh, sl, sh, sl);
  const s2l = low;
  // Horner over sum_j s2**j / (2j + 1), each coefficient 1 / (2j + 1) as a double-double.
  let ah = RECIPROCALS[2 * TERMS]!;
  let al = RECIPROCALS[2 * TERMS + 1]!;
  for (let j = TERMS - 1; j >= 0; j--) {
    ah = multiply(ah, al, s2h, s2l);
    al = low;
    ah = add(ah, al, RECIPROCALS[2 * j]!, RECIPROCALS[2 * j + 1]!);
    al = low;
  }
  // ln(m) = 2 * s * sum.
  const lnMh = 2 * multiply(sh, sl, ah, al);
  const lnMl = 2 * low;
  const eh = twoProduct(e, LN2_HI);
  const el = low + e * LN2_LO;
  return add(eh, el, lnMh, lnMl);
}
