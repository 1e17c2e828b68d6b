/**
 * The few pieces of Python arithmetic timm's schedules lean on, computed as CPython does: floor
 * division of floats, `bisect.bisect_right`, and `math.log(x, base)` where its floor matters.
 */
import { correctlyRoundedLog } from "../shared/correctly-rounded-log.js";

/**
 * Python's `a // b` (b != 0), CPython's float algorithm: `(a - fmod(a, b)) / b`, corrected toward
 * minus infinity and snapped to the nearest integer. It differs from `Math.floor(a / b)` where the
 * quotient rounds up to an integer (`1 // 0.1` is 9 in Python, `Math.floor(1 / 0.1)` is 10); for
 * integers it is the exact floor.
 */
export function floorDivide(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && b < 0 !== mod < 0) div -= 1;
  if (div === 0) return 0;
  let floor = Math.floor(div);
  if (div - floor > 0.5) floor += 1;
  return floor;
}

/** Python's `bisect.bisect_right(list, x)`: the binary search as written (on an unsorted list too, as timm's `decay_t` may be). */
export function bisectRight(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (x < list[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * `math.floor(math.log(x, base))` for x > 0, given `lnBase = correctlyRoundedLog(base)`: CPython
 * divides glibc's correctly rounded logs, and at an exact power of the base that quotient can fall
 * just below the integer (`math.log(243, 3)` is 4.999999999999999). `Math.log` is within one ulp
 * of the correctly rounded value, so only a quotient within a hair of an integer can floor
 * differently; there the correctly rounded log decides.
 */
export function floorLog(x: number, lnBase: number): number {
  const quotient = Math.log(x) / lnBase;
  const nearest = Math.round(quotient);
  if (Math.abs(quotient - nearest) > 1e-9 * Math.max(1, Math.abs(quotient))) return Math.floor(quotient);
  return Math.floor(correctlyRoundedLog(x) / lnBase);
}
