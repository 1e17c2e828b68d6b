/**
 * The values a step writes, computed and checked before anything is written: each group's lr and,
 * where the schedule writes them, its momentum (or `betas[0]`), `betas[1]` and weight decay. The
 * arrays are allocated once per form, so computing and writing a step allocates nothing. NaN in an
 * array means "leave the group's value as it is".
 */
import { StepError } from "./errors.js";
import type { ParamGroup } from "./optimizer.js";
import type { CompleteForm } from "./schedule.js";

export type ChannelName = "lr" | "momentum" | "beta1" | "beta2" | "weightDecay";

/** One step's values, group by group. */
export interface StepValues {
  readonly lr: Float64Array;
  /** `momentum`, or `betas[0]` where the schedule cycles beta1. */
  readonly momentum: Float64Array | undefined;
  readonly momentumName: "momentum" | "beta1";
  readonly beta2: Float64Array | undefined;
  readonly weightDecay: Float64Array | undefined;
  /** The numbers the form's `shape` shares with its per-group functions (`form.slots` of them). */
  readonly shared: Float64Array;
  /** The groups' values before a write, per channel, to put back if a later write throws. */
  readonly saved: readonly unknown[][];
}

/** The arrays for what `form` writes into `groups` groups. */
export function valuesFor(form: CompleteForm, groups: number): StepValues {
  const array = (present: unknown) => (present === undefined ? undefined : new Float64Array(groups));
  return {
    lr: new Float64Array(groups),
    momentum: array(form.momentum),
    momentumName: form.momentumTarget === "beta1" ? "beta1" : "momentum",
    beta2: array(form.beta2),
    weightDecay: array(form.weightDecay),
    shared: new Float64Array(form.slots ?? 0),
    saved: Array.from({ length: 4 }, () => new Array<unknown>(groups)),
  };
}

/** Copies `from` into `to`, as `to.set(from)` does for arrays of one length (a loop: `set` costs more than a step). */
export function copyInto(to: Float64Array, from: Float64Array): void {
  for (let i = 0; i < from.length; i++) to[i] = from[i]!;
}

/** The channels present, with their names (for held values and state dicts). */
export function channelsOf(values: StepValues): [ChannelName, Float64Array][] {
  const out: [ChannelName, Float64Array][] = [["lr", values.lr]];
  if (values.momentum) out.push([values.momentumName, values.momentum]);
  if (values.beta2) out.push(["beta2", values.beta2]);
  if (values.weightDecay) out.push(["weightDecay", values.weightDecay]);
  return out;
}

function refuse(where: string, t: number, name: string, i: number, v: unknown): never {
  throw new StepError(where, t, `the schedule gives ${name} ${String(v)} for param group ${i} (not a finite number); the groups keep their values`, "non-finite-value", `paramGroups[${i}].${name}`);
}

/**
 * Fills `out` with the values at step `t` (a jump's, where `jump` and the form has a `jumpShape`),
 * checking each: a value that is not a finite number is refused (`undefined` leaves the group's
 * value as it is). The shape is computed once, here, for every group. With `only`, the lr of that
 * group alone is computed (a composite that reads one group of each sub-schedule); a composite
 * form computes every group whatever `only` is.
 * @throws StepError naming the group and the value (nothing has been written)
 */
export function computeValues(out: StepValues, form: CompleteForm, t: number, where: string, jump = false, only?: number): void {
  if (form.values) return copyValues(out, form.values(t, jump), t, where);
  const s = jump && form.jumpShape ? form.jumpShape(t, out.shared) : form.shape ? form.shape(t, out.shared) : 0;
  const { lr, momentum, beta2, weightDecay, shared } = out;
  if (only !== undefined) {
    const v = form.lr(only, s, t, shared);
    if (v === undefined) lr[only] = NaN;
    else if (v - v === 0) lr[only] = v;
    else refuse(where, t, "lr", only, v);
    return;
  }
  for (let i = 0; i < lr.length; i++) {
    const v = form.lr(i, s, t, shared);
    if (v === undefined) lr[i] = NaN;
    else if (v - v === 0) lr[i] = v;
    else refuse(where, t, "lr", i, v);
  }
  if (momentum) {
    for (let i = 0; i < momentum.length; i++) {
      const v = form.momentum!(i, s, t, shared);
      if (v === undefined) momentum[i] = NaN;
      else if (v - v === 0) momentum[i] = v;
      else refuse(where, t, out.momentumName, i, v);
    }
  }
  if (beta2) {
    for (let i = 0; i < beta2.length; i++) {
      const v = form.beta2!(i, s, t, shared);
      if (v === undefined) beta2[i] = NaN;
      else if (v - v === 0) beta2[i] = v;
      else refuse(where, t, "beta2", i, v);
    }
  }
  if (weightDecay) {
    for (let i = 0; i < weightDecay.length; i++) {
      const v = form.weightDecay!(i, s, t, shared);
      if (v === undefined) weightDecay[i] = NaN;
      else if (v - v === 0) weightDecay[i] = v;
      else refuse(where, t, "weightDecay", i, v);
    }
  }
}

/** Takes a composite's values (every group's at once), checking the ones it combined itself. */
function copyValues(out: StepValues, from: StepValues, t: number, where: string): void {
  copyChannel(out.lr, from.lr, where, t, "lr");
  if (out.momentum) copyChannel(out.momentum, from.momentum, where, t, out.momentumName);
  if (out.beta2) copyChannel(out.beta2, from.beta2, where, t, "beta2");
  if (out.weightDecay) copyChannel(out.weightDecay, from.weightDecay, where, t, "weightDecay");
}

function copyChannel(to: Float64Array, from: Float64Array | undefined, where: string, t: number, name: string): void {
  if (from === undefined) {
    to.fill(NaN);
    return;
  }
  for (let i = 0; i < to.length; i++) {
    const v = from[i]!;
    // NaN is "leave it"; an infinity is an overflow of the composite's own arithmetic.
    if (v === Infinity || v === -Infinity) refuse(where, t, name, i, v);
    to[i] = v;
  }
}

/**
 * Writes the computed values into the groups, channel by channel; if a write throws (a frozen group,
 * a setter that refuses), everything written is put back and the error rethrown.
 */
export function writeValues(out: StepValues, groups: readonly ParamGroup[]): void {
  const [lrSaved, momentumSaved, beta2Saved, wdSaved] = out.saved as [unknown[], unknown[], unknown[], unknown[]];
  const { lr, momentum, beta2, weightDecay } = out;
  const beta1 = out.momentumName === "beta1";
  const n = groups.length;
  // Progress, for the rollback: the channel being written (0 lr, 1 momentum, 2 beta2, 3 weight decay) and the group.
  let channel = 0;
  let i = 0;
  try {
    for (i = 0; i < n; i++) {
      if (lr[i] !== lr[i]) continue;
      lrSaved[i] = groups[i]!.lr;
      groups[i]!.lr = lr[i]!;
    }
    channel = 1;
    if (momentum) {
      for (i = 0; i < n; i++) {
        if (momentum[i] !== momentum[i]) continue;
        const g = groups[i]!;
        if (beta1) {
          momentumSaved[i] = g.betas![0];
          g.betas![0] = momentum[i]!;
        } else {
          momentumSaved[i] = g.momentum;
          g.momentum = momentum[i]!;
        }
      }
    }
    channel = 2;
    if (beta2) {
      for (i = 0; i < n; i++) {
        if (beta2[i] !== beta2[i]) continue;
        beta2Saved[i] = groups[i]!.betas![1];
        groups[i]!.betas![1] = beta2[i]!;
      }
    }
    channel = 3;
    if (weightDecay) {
      for (i = 0; i < n; i++) {
        if (weightDecay[i] !== weightDecay[i]) continue;
        wdSaved[i] = groups[i]!.weightDecay;
        groups[i]!.weightDecay = weightDecay[i]!;
      }
    }
  } catch (error) {
    rollBack(out, groups, channel, i);
    throw error;
  }
}

/** Puts back what `writeValues` wrote before channel `channel`, group `upTo`, threw. */
function rollBack(out: StepValues, groups: readonly ParamGroup[], channel: number, upTo: number): void {
  const arrays = [out.lr, out.momentum, out.beta2, out.weightDecay];
  for (let c = 0; c <= channel; c++) {
    const values = arrays[c];
    if (!values) continue;
    const end = c === channel ? upTo : groups.length;
    for (let i = 0; i < end; i++) {
      if (values[i] !== values[i]) continue;
      const g = groups[i]!;
      const saved = out.saved[c]![i] as number;
      try {
        if (c === 0) g.lr = saved;
        else if (c === 1 && out.momentumName === "beta1") g.betas![0] = saved;
        else if (c === 1) g.momentum = saved;
        else if (c === 2) g.betas![1] = saved;
        else g.weightDecay = saved;
      } catch {
        // A group that refuses the restore refused the write too.
      }
    }
  }
}

/** Values written at the current step that are not the closed form's (a jump, a reference load), kept until the counter moves. */
export type HeldValues = Partial<Record<ChannelName, readonly (number | null)[]>>;

/** The values of a step as held values (NaN, "leave it", as null). */
export function heldOf(values: StepValues): HeldValues {
  const held: Record<string, (number | null)[]> = {};
  for (const [name, array] of channelsOf(values)) held[name] = Array.from(array, (v) => (v === v ? v : null));
  return held as HeldValues;
}

/** Marks every value besides the lr as "leave it". */
export function leaveExtras(values: StepValues): void {
  values.momentum?.fill(NaN);
  values.beta2?.fill(NaN);
  values.weightDecay?.fill(NaN);
}
