/**
 * The values a step writes, computed and checked before anything is written. Each kind of value is a
 * channel (lr, momentum, betas[0], betas[1], weight decay) with its buffers allocated once, so that
 * computing and writing a step allocates nothing. NaN in a channel's values means "leave it".
 */
import { StepError } from "./errors.js";
import type { ParamGroup } from "./optimizer.js";
import type { CompleteForm } from "./schedule.js";

export type ChannelName = "lr" | "momentum" | "beta1" | "beta2" | "weightDecay";

type GroupValue = (i: number, s: number, t: number) => number | undefined;

export interface Channel {
  readonly name: ChannelName;
  /** The value of group i at the step being computed; NaN: leave the group's value. */
  readonly values: Float64Array;
  /** The groups' values before the write, to put back if a later write throws. */
  readonly saved: unknown[];
  readonly of: GroupValue;
}

const readers: Record<ChannelName, (g: ParamGroup) => unknown> = {
  lr: (g) => g.lr,
  momentum: (g) => g.momentum,
  beta1: (g) => g.betas?.[0],
  beta2: (g) => g.betas?.[1],
  weightDecay: (g) => g.weightDecay,
};

const writers: Record<ChannelName, (g: ParamGroup, v: unknown) => void> = {
  lr: (g, v) => (g.lr = v as number),
  momentum: (g, v) => (g.momentum = v as number),
  beta1: (g, v) => (g.betas![0] = v as number),
  beta2: (g, v) => (g.betas![1] = v as number),
  weightDecay: (g, v) => (g.weightDecay = v as number),
};

/** What a form writes besides the lr, as channels. */
export function channelsOf(form: CompleteForm, groups: number): Channel[] {
  const make = (name: ChannelName, of: GroupValue): Channel => ({ name, values: new Float64Array(groups), saved: new Array(groups), of });
  const channels = [make("lr", form.lr)];
  if (form.momentum) channels.push(make(form.momentumTarget === "beta1" ? "beta1" : "momentum", form.momentum));
  if (form.beta2) channels.push(make("beta2", form.beta2));
  if (form.weightDecay) channels.push(make("weightDecay", form.weightDecay));
  return channels;
}

/**
 * Fills every channel with the values at step `t` (shape `s`), checking each.
 * @throws StepError naming the group and the value if one is not finite (nothing has been written)
 */
export function computeValues(channels: readonly Channel[], s: number, t: number, where: string): void {
  for (let c = 0; c < channels.length; c++) {
    const { values, of, name } = channels[c]!;
    for (let i = 0; i < values.length; i++) {
      const v = of(i, s, t);
      if (v === undefined) values[i] = NaN;
      else if (typeof v === "number" && v - v === 0) values[i] = v;
      else overflow(where, t, name, i, v);
    }
  }
}

function overflow(where: string, t: number, name: ChannelName, i: number, v: unknown): never {
  throw new StepError(where, t, `the schedule gives ${name} ${String(v)} for param group ${i} (not a finite number); the groups keep their values`, "non-finite-value", `paramGroups[${i}].${name}`);
}

/** Writes the computed values into the groups; if a write throws, everything written is put back and the error rethrown. */
export function writeValues(channels: readonly Channel[], groups: readonly ParamGroup[]): void {
  let c = 0;
  let i = 0;
  try {
    for (; c < channels.length; c++) {
      const { values, saved, name } = channels[c]!;
      const read = readers[name];
      const write = writers[name];
      for (i = 0; i < groups.length; i++) {
        const v = values[i]!;
        if (v !== v) continue;
        const group = groups[i]!;
        saved[i] = read(group);
        write(group, v);
      }
    }
  } catch (error) {
    for (let k = c; k >= 0; k--) {
      const { values, saved, name } = channels[k]!;
      const end = k === c ? i : groups.length;
      for (let j = 0; j < end; j++) if (values[j] === values[j]) writers[name](groups[j]!, saved[j]);
    }
    throw error;
  }
}

/** The values of a channel as a list, NaN ("left as it was") as null. */
export function channelList(channel: Channel): (number | null)[] {
  return Array.from(channel.values, (v) => (v === v ? v : null));
}
