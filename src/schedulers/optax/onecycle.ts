/**
 * How optax's one-cycle schedules build their `{ step: scale }` dict: a Python dict literal, so keys
 * that coincide keep the last entry's scale, and `int()` truncates each `pct * transition_steps`.
 */
import type { BuildContext } from "../../core/schedule.js";

/** One entry of the dict literal, with the option its scale came from (for errors). */
export interface OnecycleEntry {
  readonly step: number;
  readonly scale: number;
  readonly option: string;
}

/** Python's `int(x)` of a float: toward zero; infinite products refused as Python's OverflowError. */
export function pythonInt(x: number, option: string, value: number, fail: BuildContext["fail"]): number {
  if (!Number.isFinite(x)) return fail(option, value, `a value whose product with transition_steps is finite (Python's int() cannot convert ${x})`);
  return Math.trunc(x);
}

/** The dict literal's boundaries and scales in increasing step order; scales must be >= 0 (as `piecewise_interpolate_schedule` checks). */
export function onecycleBoundaries(entries: readonly OnecycleEntry[], options: Readonly<Record<string, number>>, fail: BuildContext["fail"]) {
  const dict = new Map<number, OnecycleEntry>();
  for (const entry of entries) dict.set(entry.step, entry);
  const sorted = [...dict.values()].sort((a, b) => a.step - b.step);
  const negative = sorted.find((e) => !(e.scale >= 0));
  if (negative) {
    return fail(negative.option, options[negative.option], `a value that makes every scale >= 0 (the scale at step ${negative.step} would be ${negative.scale}; optax's piecewise_interpolate_schedule expects non-negative scale factors)`);
  }
  return { boundaries: sorted.map((e) => e.step), scales: sorted.map((e) => e.scale) };
}
