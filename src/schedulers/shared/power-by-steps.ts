/**
 * `base ** k` for a staircase schedule, whose exponent `k` (decays so far) changes once per period:
 * the power is computed when `k` changes and kept until it changes again. The same expression, so the
 * same bits as computing it every step; a schedule builds its own, so it holds nothing but a cache.
 * @example
 * const power = powerBySteps(0.1);
 * const shape = (t: number) => power(Math.floor(t / 30)); // StepLR's factor
 */
export function powerBySteps(base: number): (k: number) => number {
  let lastK = NaN;
  let lastPower = NaN;
  return (k) => {
    if (k !== lastK) {
      lastPower = base ** k;
      lastK = k;
    }
    return lastPower;
  };
}
