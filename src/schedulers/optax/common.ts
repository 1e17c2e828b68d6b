/**
 * What the optax schedules share. An optax schedule is a function of the step count, and optax's
 * `scale_by_schedule` gives its value to every parameter: here every param group gets it, whatever
 * its own lr (`base: "absolute"`). The piecewise schedules take `{ step: scale }` dicts.
 */
import * as z from "zod/mini";
import { stepCounts } from "../../core/counter.js";
import { defineSchedule, type ScheduleClass } from "../../core/define.js";
import type { LRScheduler } from "../../core/engine.js";
import type { OptionFields, OptionsOf } from "../../core/options.js";
import type { CompleteForm, ScheduleDefinition } from "../../core/schedule.js";

/**
 * `defineSchedule` for an optax schedule: a function of the step count (`stepCounts`: construction
 * writes count 0, each `step()` the next), its value written into every group (`base: "absolute"`).
 */
export function defineOptaxSchedule<F extends OptionFields, T extends string>(
  definition: Omit<ScheduleDefinition<F, T, "optax">, "family" | "counter" | "base">,
): ScheduleClass<F, LRScheduler<OptionsOf<F>>, T, "optax"> {
  return defineSchedule({ ...definition, family: "optax", counter: stepCounts, base: "absolute" });
}

/** A form whose value at count `t` is what every group gets. */
export function absolute(value: (t: number) => number): CompleteForm {
  return { shape: value, lr: (_i, s) => s };
}

/** optax's `lambda count: value`. */
export const constantForm = (value: number): CompleteForm => absolute(() => value);

/** `boundaries_and_scales`: `{ step: scale }`; JSON writes the (integer) steps as strings, `{ "30": 0.1, "-10": 2 }`. */
export type BoundariesAndScales = Readonly<Record<string, number>>;

const boundaryOf = (key: string): number => (key.trim() === "" ? NaN : Number(key));

function isBoundariesAndScales(v: unknown): v is BoundariesAndScales {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  const boundaries = Object.keys(v).map(boundaryOf);
  // "10" and "1e1" would be one key of a Python dict: refused rather than one of them dropped.
  if (!boundaries.every(Number.isFinite) || new Set(boundaries).size !== boundaries.length) return false;
  return Object.values(v).every((scale) => typeof scale === "number" && Number.isFinite(scale));
}

/** A `{ step: scale }` option, or null / absent for none (optax's `None`). */
export const boundariesAndScalesOption = () =>
  z.optional(
    z.nullable(
      z.custom<BoundariesAndScales>(isBoundariesAndScales, {
        error: "an object { step: scale } whose keys are distinct numbers (e.g. \"30\") and whose scales are finite numbers, or null",
      }),
    ),
  );

/** One entry of a `{ step: scale }` dict: the key as written, the step it stands for, the scale. */
export interface ScaleEntry {
  readonly key: string;
  readonly boundary: number;
  readonly scale: number;
}

/** The dict's entries in increasing step order, as Python's `sorted(d.items())` on integer keys (numerically, not as strings). */
export function sortedEntries(dict: BoundariesAndScales | null | undefined): ScaleEntry[] {
  if (!dict) return [];
  return Object.entries(dict)
    .map(([key, scale]) => ({ key, boundary: boundaryOf(key), scale }))
    .sort((a, b) => a.boundary - b.boundary);
}
