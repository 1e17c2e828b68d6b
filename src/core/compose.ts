/**
 * Composition as combinators over closed forms. A sequence runs one form after another on local
 * time (PyTorch's SequentialLR, optax's `join_schedules`, `withWarmup`); a product multiplies
 * factors (ChainedScheduler); `retime` reads a form at another time (epoch units); `perGroup` gives
 * each group its own form. A composite computes every group's values at once (`values`): each child
 * is evaluated once per step into its own step values, computed and checked as the engine computes
 * any form's, and the composite returns or combines those arrays.
 */
import type { ChildClock, CompleteForm, GroupValue } from "./schedule.js";
import { computeValues, copyInto, valuesFor, type StepValues } from "./values.js";

/** One piece of a sequence: a closed form and the value of its own counter at local time 0. */
export interface Piece {
  readonly form: CompleteForm;
  /** Where the piece's counter starts (PyTorch 0, DeepSpeed -1). Default 0. */
  readonly start?: number;
  /** The sub-scheduler behind the piece, whose counter follows the piece's local time. */
  readonly child?: object;
  /** Names the piece in errors (a sub-scheduler's type). */
  readonly name?: string;
}

/** A child's computed value for group `i`, NaN ("leave it") as undefined. */
const read = (values: Float64Array | undefined, i: number): number | undefined => {
  const v = values === undefined ? NaN : values[i]!;
  return v === v ? v : undefined;
};

/** Where the momentum of a composite goes: its children's target (they agree: they drive the same groups). */
const targetOf = (forms: readonly CompleteForm[]) => forms.find((f) => f.momentum)?.momentumTarget ?? "momentum";

/**
 * `pieces[0]` until the first boundary, then, at step `t`, the last piece `k >= 1` whose boundary
 * `boundaries[k - 1] <= t`, read at local time `start + t - boundaries[k - 1]`. Boundaries are not
 * checked (optax's `join_schedules`): with sorted ones this is PyTorch's `bisect_right` over the
 * milestones. Extra pieces or boundaries are ignored (`zip`).
 * @param groups the number of param groups
 * @example
 * sequence([{ form: warmup }, { form: cosine }], [100], groups); // warmup for 100 steps, then the cosine from its step 0
 */
export function sequence(pieces: readonly Piece[], boundaries: readonly number[], groups: number): CompleteForm {
  const n = Math.min(pieces.length, boundaries.length + 1);
  const used = pieces.slice(0, n);
  const forms = used.map((p) => p.form);
  const starts = used.map((p) => p.start ?? 0);
  const offsets = [0, ...boundaries.slice(0, n - 1)];
  const values = forms.map((f) => valuesFor(f, groups));
  /** The piece in force at step t. */
  const active = (t: number): number => {
    let k = 0;
    for (let j = 1; j < n; j++) if (t >= offsets[j]!) k = j;
    return k;
  };
  const localAt = (k: number, t: number) => (k === 0 ? starts[0]! + t : starts[k]! + (t - offsets[k]!));
  // The piece last evaluated, read back by the per-group functions of the same step.
  let current: StepValues = values[0]!;
  const evaluate = (t: number, jump: boolean) => {
    const k = active(t);
    current = values[k]!;
    computeValues(current, forms[k]!, localAt(k, t), used[k]!.name ?? "a sub-schedule", jump);
    return current;
  };
  const extra = (name: "momentum" | "beta2" | "weightDecay"): GroupValue | undefined =>
    forms.some((f) => f[name] !== undefined) ? (i) => read(current[name], i) : undefined;
  return {
    values: evaluate,
    jumpShape: forms.some((f) => f.jumpShape) ? (t) => (evaluate(t, true), 0) : undefined,
    lr: (i) => read(current.lr, i),
    momentum: extra("momentum"),
    beta2: extra("beta2"),
    weightDecay: extra("weightDecay"),
    momentumTarget: targetOf(forms),
    childClocks: used.flatMap((p, j): ChildClock[] =>
      p.child === undefined ? [] : [{ child: p.child, at: (t) => (active(t) === j ? localAt(j, t) : undefined) }],
    ),
  };
}

/** One factor of a product: a closed form and the base lrs it scales (its factor is `lr / base`). */
export interface Factor {
  readonly form: CompleteForm;
  readonly baseLrs: readonly number[];
  readonly child?: object;
  readonly name?: string;
}

/**
 * The product of factors: group `i`'s lr is `bases[i] * prod(factor.lr(i, t) / factor.baseLrs[i])`
 * (0 for a factor whose base is 0), every factor read at the same step. Momentum and the other values
 * are the last factor's that writes them, as when each scheduler in turn writes the groups.
 */
export function product(factors: readonly Factor[], bases: readonly number[], groups: number): CompleteForm {
  const forms = factors.map((f) => f.form);
  const values = forms.map((f) => valuesFor(f, groups));
  const last = (name: "momentum" | "beta2" | "weightDecay"): GroupValue | undefined => {
    const index = forms.map((f) => f[name] !== undefined).lastIndexOf(true);
    return index < 0 ? undefined : (i) => read(values[index]![name], i);
  };
  const own = valuesFor({ lr: () => 0, momentum: last("momentum"), beta2: last("beta2"), weightDecay: last("weightDecay"), momentumTarget: targetOf(forms.slice().reverse()) }, groups);
  const lastOf = (name: "momentum" | "beta2" | "weightDecay") => forms.map((f) => f[name] !== undefined).lastIndexOf(true);
  const extras = (["momentum", "beta2", "weightDecay"] as const).map((name) => [name, lastOf(name)] as const).filter(([, index]) => index >= 0);
  return {
    values(t) {
      for (let c = 0; c < forms.length; c++) computeValues(values[c]!, forms[c]!, t, factors[c]!.name ?? "a sub-schedule");
      for (let i = 0; i < groups; i++) {
        let lr = bases[i]!;
        for (let c = 0; c < forms.length; c++) {
          const base = factors[c]!.baseLrs[i]!;
          lr *= base === 0 ? 0 : values[c]!.lr[i]! / base;
        }
        own.lr[i] = lr;
      }
      for (const [name, index] of extras) copyInto(own[name]!, values[index]![name]!);
      return own;
    },
    lr: (i) => read(own.lr, i),
    momentum: last("momentum"),
    beta2: last("beta2"),
    weightDecay: last("weightDecay"),
    momentumTarget: targetOf(forms.slice().reverse()),
    // Every factor's scheduler reports the lr written (PyTorch's last one does; an earlier one reports it
    // too whenever the factors after it did not change at this step).
    childClocks: factors.flatMap((f): ChildClock[] => (f.child === undefined ? [] : [{ child: f.child, at: (t) => t }])),
  };
}

/** A form read at another time: its value at step `t` is `form`'s at `time(t)` (epoch units: `t / stepsPerEpoch`). */
export function retime(form: CompleteForm, time: (t: number) => number, groups: number, child?: object, name?: string): CompleteForm {
  const values = valuesFor(form, groups);
  const extra = (key: "momentum" | "beta2" | "weightDecay"): GroupValue | undefined => (form[key] === undefined ? undefined : (i) => read(values[key], i));
  return {
    values(t) {
      computeValues(values, form, time(t), name ?? "a sub-schedule");
      return values;
    },
    lr: (i) => read(values.lr, i),
    momentum: extra("momentum"),
    beta2: extra("beta2"),
    weightDecay: extra("weightDecay"),
    momentumTarget: form.momentumTarget,
    childClocks: child === undefined ? [] : [{ child, at: time }],
  };
}

/**
 * Group `i` follows `pieces[i]` (one piece for every group when a single one is given), read at its
 * own start plus `t`, its lr times `scales[i]`; only lrs are written. With a piece per group, each
 * piece computes its own group alone.
 */
export function perGroup(pieces: readonly Piece[], scales: readonly number[]): CompleteForm {
  const groups = scales.length;
  const values = pieces.map((p) => valuesFor(p.form, groups));
  const own = valuesFor({ lr: () => 0 }, groups);
  const single = pieces.length === 1;
  return {
    values(t) {
      for (let c = 0; c < pieces.length; c++) {
        const piece = pieces[c]!;
        computeValues(values[c]!, piece.form, (piece.start ?? 0) + t, piece.name ?? "a sub-schedule", false, single ? undefined : c);
      }
      for (let i = 0; i < groups; i++) own.lr[i] = scales[i]! * values[single ? 0 : i]!.lr[i]!;
      return own;
    },
    lr: (i) => read(own.lr, i),
    childClocks: pieces.flatMap((p): ChildClock[] => (p.child === undefined ? [] : [{ child: p.child, at: (t) => t }])),
  };
}
