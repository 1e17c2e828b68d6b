/**
 * Composition as combinators over closed forms. A sequence runs one form after another on local
 * time (PyTorch's SequentialLR, optax's `join_schedules`, `withWarmup`); a product multiplies
 * factors (ChainedScheduler); `retime` reads a form at another time (epoch units); `perGroup` gives
 * each group its own form. Each child's shape is computed once per step.
 */
import type { ChildClock, CompleteForm, Form } from "./schedule.js";

/** One piece of a sequence: a closed form and the value of its own counter at local time 0. */
export interface Piece {
  readonly form: CompleteForm;
  /** Where the piece's counter starts (PyTorch 0, DeepSpeed -1). Default 0. */
  readonly start?: number;
  /** The sub-scheduler behind the piece, whose counter follows the piece's local time. */
  readonly child?: object;
}

/**
 * `pieces[0]` until the first boundary, then, at step `t`, the last piece `k >= 1` whose boundary
 * `boundaries[k - 1] <= t`, read at local time `start + t - boundaries[k - 1]`. Boundaries are not
 * checked (optax's `join_schedules`): with sorted ones this is PyTorch's `bisect_right` over the
 * milestones. Extra pieces or boundaries are ignored (`zip`).
 * @example
 * sequence([{ form: warmup }, { form: cosine }], [100]); // warmup for 100 steps, then the cosine from its step 0
 */
export function sequence(pieces: readonly Piece[], boundaries: readonly number[]): CompleteForm {
  const n = Math.min(pieces.length, boundaries.length + 1);
  const forms = pieces.slice(0, n).map((p) => p.form);
  const starts = pieces.slice(0, n).map((p) => p.start ?? 0);
  const offsets = [0, ...boundaries.slice(0, n - 1)];
  /** The piece in force at step t. */
  const active = (t: number): number => {
    let k = 0;
    for (let j = 1; j < n; j++) if (t >= offsets[j]!) k = j;
    return k;
  };
  const localAt = (k: number, t: number) => (k === 0 ? starts[0]! + t : starts[k]! + (t - offsets[k]!));
  // The piece and local time `shape` found, read back by the per-group functions of the same step.
  let k = 0;
  let local = 0;
  const per = (get: (f: CompleteForm) => ((i: number, s: number, t: number) => number | undefined) | undefined) => {
    if (!forms.some((f) => get(f) !== undefined)) return undefined;
    return (i: number, s: number) => {
      const f = get(forms[k]!);
      return f === undefined ? undefined : f(i, s, local);
    };
  };
  const shapeOf = (t: number, jump: boolean) => {
    k = active(t);
    local = localAt(k, t);
    const form = forms[k]!;
    if (jump && form.jumpShape) return form.jumpShape(local);
    return form.shape ? form.shape(local) : 0;
  };
  const form: Form = {
    shape: (t) => shapeOf(t, false),
    lr: (i, s) => forms[k]!.lr(i, s, local),
    momentum: per((f) => f.momentum),
    beta2: per((f) => f.beta2),
    weightDecay: per((f) => f.weightDecay),
    momentumTarget: forms.find((f) => f.momentum)?.momentumTarget ?? "momentum",
    childClocks: pieces.slice(0, n).flatMap((p, j): ChildClock[] =>
      p.child === undefined ? [] : [{ child: p.child, at: (t) => (active(t) === j ? localAt(j, t) : undefined) }],
    ),
  };
  if (forms.some((f) => f.jumpShape)) return { ...form, jumpShape: (t) => shapeOf(t, true) } as CompleteForm;
  return form as CompleteForm;
}

/** One factor of a product: a closed form and the base lrs it scales (its factor is `lr / base`). */
export interface Factor {
  readonly form: CompleteForm;
  readonly baseLrs: readonly number[];
  readonly child?: object;
}

/**
 * The product of factors: group `i`'s lr is `bases[i] * prod(factor.lr(i, t) / factor.baseLrs[i])`
 * (0 for a factor whose base is 0), every factor read at the same step. Momentum and the other values
 * are the last factor's that writes them, as when each scheduler in turn writes the groups.
 */
export function product(factors: readonly Factor[], bases: readonly number[]): CompleteForm {
  const shapes = new Float64Array(factors.length);
  const forms = factors.map((f) => f.form);
  const last = <K extends "momentum" | "beta2" | "weightDecay">(key: K) => {
    const index = forms.map((f) => f[key] !== undefined).lastIndexOf(true);
    if (index < 0) return undefined;
    const fn = forms[index]![key]!;
    return (i: number, _s: number, t: number) => fn(i, shapes[index]!, t);
  };
  const momentumIndex = forms.map((f) => f.momentum !== undefined).lastIndexOf(true);
  return {
    shape(t) {
      for (let c = 0; c < forms.length; c++) {
        const f = forms[c]!;
        shapes[c] = f.shape ? f.shape(t) : 0;
      }
      return 0;
    },
    lr(i, _s, t) {
      let lr = bases[i]!;
      for (let c = 0; c < forms.length; c++) {
        const base = factors[c]!.baseLrs[i]!;
        lr *= base === 0 ? 0 : (forms[c]!.lr(i, shapes[c]!, t) ?? NaN) / base;
      }
      return lr;
    },
    momentum: last("momentum"),
    beta2: last("beta2"),
    weightDecay: last("weightDecay"),
    momentumTarget: momentumIndex >= 0 ? forms[momentumIndex]!.momentumTarget : undefined,
    // Every factor's scheduler reports the lr written (PyTorch's last one does; an earlier one reports it
    // too whenever the factors after it did not change at this step).
    childClocks: factors.flatMap((f): ChildClock[] => (f.child === undefined ? [] : [{ child: f.child, at: (t) => t }])),
  };
}

/** A form read at another time: its value at step `t` is `form`'s at `time(t)` (epoch units: `t / stepsPerEpoch`). */
export function retime(form: CompleteForm, time: (t: number) => number, child?: object): CompleteForm {
  const at = <K extends "momentum" | "beta2" | "weightDecay">(key: K) => {
    const fn = form[key];
    return fn === undefined ? undefined : (i: number, s: number, t: number) => fn(i, s, time(t));
  };
  return {
    shape: (t) => (form.shape ? form.shape(time(t)) : 0),
    lr: (i, s, t) => form.lr(i, s, time(t)),
    momentum: at("momentum"),
    beta2: at("beta2"),
    weightDecay: at("weightDecay"),
    momentumTarget: form.momentumTarget,
    childClocks: child === undefined ? [] : [{ child, at: time }],
  };
}

/** Group `i` follows `forms[i]` (one form for every group when a single one is given), its lr times `scales[i]`; only lrs are written. */
export function perGroup(forms: readonly CompleteForm[], scales: readonly number[], children: readonly object[] = []): CompleteForm {
  const shapes = new Float64Array(forms.length);
  return {
    shape(t) {
      for (let c = 0; c < forms.length; c++) {
        const f = forms[c]!;
        shapes[c] = f.shape ? f.shape(t) : 0;
      }
      return 0;
    },
    lr: (i, _s, t) => {
      const c = forms.length === 1 ? 0 : i;
      return scales[i]! * (forms[c]!.lr(i, shapes[c]!, t) ?? NaN);
    },
    childClocks: children.map((child) => ({ child, at: (t: number) => t })),
  };
}
