import * as z from "zod/mini";
import { torchEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { ConvertedReference } from "../../core/reference.js";
import type { Form } from "../../core/schedule.js";
import { bool, num, numberIn, oneOf, perGroup, positiveInt, withDefault } from "../../core/schema.js";
import type { StateReader } from "../../core/state.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";
import { momentumBound, momentumTarget, perGroupValues } from "./momentum.js";

const nonZero = () => num("a finite number other than 0", (v) => v !== 0);

/** The ends of the phases, as PyTorch computes them. */
function phaseEnds(pct: number, totalSteps: number, threePhase: boolean): number[] {
  const first = pct * totalSteps - 1;
  return threePhase ? [first, 2 * pct * totalSteps - 2, totalSteps - 1] : [first, totalSteps - 1];
}

/**
 * PyTorch's dict holds `total_steps`, `_anneal_func_type` and `_schedule_phases`, not the options
 * behind them: the phase count gives three_phase; pct_start is the shortest decimal that gives the
 * phases' ends exactly. max_lr, div_factor and the momenta live in the groups there: the constructor's are kept.
 */
function readPhases(dict: Readonly<Record<string, unknown>>, reader: StateReader): ConvertedReference {
  const phases = dict._schedule_phases;
  if (phases === undefined || dict.total_steps === undefined) return { consumed: [] }; // another schedule's dict
  const expected = "a list of 2 or 3 phases, each with a numeric end_step";
  if (!Array.isArray(phases) || (phases.length !== 2 && phases.length !== 3)) reader.fail("_schedule_phases", expected);
  const ends = phases.map((p: unknown) => (typeof p === "object" && p !== null ? (p as { end_step?: unknown }).end_step : undefined));
  if (!ends.every((e) => typeof e === "number")) reader.fail("_schedule_phases", expected);
  const total = reader.number("total_steps", { integer: true, min: 1 });
  const threePhase = phases.length === 3;
  const raw = ((ends[0] as number) + 1) / total;
  for (let digits = 1; digits <= 17; digits++) {
    const pct = Number(raw.toPrecision(digits));
    const computed = phaseEnds(pct, total, threePhase);
    if (pct >= 0 && pct <= 1 && computed.every((e, k) => e === ends[k])) return { options: { threePhase, pctStart: pct }, consumed: ["_schedule_phases"] };
  }
  return reader.fail("_schedule_phases", `the phases of a pct_start in [0, 1] with total_steps ${total}`);
}

/**
 * PyTorch's `OneCycleLR` (the 1cycle policy): from `max_lr / div_factor` up to `max_lr` over the
 * first `pct_start` of `total_steps`, then down to `initial_lr / final_div_factor`, each phase
 * interpolated by `anneal_strategy`. Steps 1..total_steps are allowed; the next one throws a StepError.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.001, momentum: 0.9 }], defaults: { lr: 0.001, momentum: 0.9 } };
 * const scheduler = new OneCycleLR(optimizer, { maxLr: 0.01, epochs: 10, stepsPerEpoch: 100 });
 * for (let i = 0; i < 1000; i++) scheduler.step();
 */
export const OneCycleLR = /* @__PURE__ */ defineSchedule({
  type: "OneCycleLR",
  family: "torch",
  counter: torchEpochs,
  options: () => ({
    /** Peak lr, one value or one per group (`max_lr`). */
    maxLr: perGroup(num(), "a finite number"),
    /** Length of the cycle in steps; wins over `epochs * stepsPerEpoch`. */
    totalSteps: z.optional(z.nullable(positiveInt())),
    /** With `stepsPerEpoch` (both integers > 0), gives `totalSteps = epochs * stepsPerEpoch`; ignored when `totalSteps` is given. */
    epochs: z.optional(z.nullable(num())),
    stepsPerEpoch: z.optional(z.nullable(num())),
    /** Fraction of the cycle spent rising, in [0, 1]. */
    pctStart: withDefault(numberIn(0, 1), 0.3),
    /** `"cos"` or `"linear"` interpolation inside each phase. */
    annealStrategy: withDefault(oneOf(["cos", "linear"] as const), "cos"),
    /** Cycle momentum (or beta1) inversely to the lr. */
    cycleMomentum: withDefault(bool(), true),
    /** Momentum at the lr peak. */
    baseMomentum: withDefault(momentumBound(), 0.85 as number | number[]),
    /** Momentum at the start and the end. */
    maxMomentum: withDefault(momentumBound(), 0.95 as number | number[]),
    /** `initial_lr = max_lr / div_factor`. */
    divFactor: withDefault(nonZero(), 25.0),
    /** `min_lr = initial_lr / final_div_factor`. */
    finalDivFactor: withDefault(nonZero(), 1e4),
    /** Rise, fall back to `initial_lr`, then anneal to `min_lr` (the paper's schedule). */
    threePhase: withDefault(bool(), false),
    ...lastEpochOption(),
  }),
  build: (o, ctx) => {
    let totalSteps: number;
    if (o.totalSteps != null) totalSteps = o.totalSteps;
    else if (o.epochs != null && o.stepsPerEpoch != null) {
      if (!(Number.isInteger(o.epochs) && o.epochs > 0)) return ctx.fail("epochs", o.epochs, "an integer > 0");
      if (!(Number.isInteger(o.stepsPerEpoch) && o.stepsPerEpoch > 0)) return ctx.fail("stepsPerEpoch", o.stepsPerEpoch, "an integer > 0");
      totalSteps = o.epochs * o.stepsPerEpoch;
    } else return ctx.fail("totalSteps", o.totalSteps, "given, or else both epochs and steps_per_epoch");
    if (o.lastEpoch + 1 > totalSteps) return ctx.fail("lastEpoch", o.lastEpoch, `less than total_steps (${totalSteps})`);
    const ends = phaseEnds(o.pctStart, totalSteps, o.threePhase);
    // A phase that starts where it ends divides by zero when entered: the first one at step 0
    // (pct_start * total_steps == 1). The last one, entered at step total_steps, gives non-finite values there.
    if (ends[0] === 0 && o.lastEpoch === -1) return ctx.fail("pctStart", o.pctStart, `a fraction that does not end the first phase at step 0 (pct_start * total_steps = 1 with ${totalSteps} steps)`);
    const maxLrs = perGroupValues(ctx, "maxLr", o.maxLr);
    const initialLrs = maxLrs.map((m) => m / o.divFactor);
    const minLrs = initialLrs.map((l) => l / o.finalDivFactor);
    const cycling = o.cycleMomentum;
    const target = cycling ? momentumTarget("OneCycleLR", ctx) : undefined;
    const maxM = cycling ? perGroupValues(ctx, "maxMomentum", o.maxMomentum) : [];
    const baseM = cycling ? perGroupValues(ctx, "baseMomentum", o.baseMomentum) : [];
    // Each phase's lr and momentum: where it starts and where it ends, per group.
    const lrEnds = o.threePhase ? [[initialLrs, maxLrs], [maxLrs, initialLrs], [initialLrs, minLrs]] : [[initialLrs, maxLrs], [maxLrs, minLrs]];
    const momentumEnds = o.threePhase ? [[maxM, baseM], [baseM, maxM], [maxM, maxM]] : [[maxM, baseM], [baseM, maxM]];
    const cos = o.annealStrategy === "cos";
    // PyTorch's `end + (start - end) / 2.0 * (cos(pi * pct) + 1)` is `offset + slope * s` with offset `end`,
    // slope `(start - end) / 2.0` and `s = cos(pi * pct) + 1`; its `(end - start) * pct + start` has offset
    // `start`, slope `end - start`, `s = pct`: the same operations. Index: `phase * groups + i`.
    const table = (phases: number[][][]) => ({
      offset: phases.flatMap(([start, end]) => (cos ? end! : start!)),
      slope: phases.flatMap(([start, end]) => start!.map((a, i) => (cos ? (a - end![i]!) / 2.0 : end![i]! - a))),
    });
    const lr = table(lrEnds);
    const momentum = table(momentumEnds);
    const starts = ends.map((_, k) => (k === 0 ? 0.0 : ends[k - 1]!));
    const groups = maxLrs.length;
    // The phase `shape` found (times the group count), read by the per-group functions of the same step.
    let row = 0;
    const form: Form = {
      shape(t) {
        // The first phase whose end is >= t, else the last one.
        const k = t > ends[0]! ? (ends.length === 3 && t <= ends[1]! ? 1 : ends.length - 1) : 0;
        row = k * groups;
        const pct = (t - starts[k]!) / (ends[k]! - starts[k]!);
        return cos ? Math.cos(Math.PI * pct) + 1 : pct;
      },
      lr: (i, s) => lr.offset[row + i]! + lr.slope[row + i]! * s,
      baseLrs: initialLrs,
      end: totalSteps,
      groupFields: (i) => ({
        initialLr: initialLrs[i]!,
        maxLr: maxLrs[i]!,
        minLr: minLrs[i]!,
        ...(cycling ? { maxMomentum: maxM[i]!, baseMomentum: baseM[i]! } : {}),
      }),
    };
    if (!cycling) return form;
    return { ...form, momentumTarget: target, momentum: (i, s) => momentum.offset[row + i]! + momentum.slope[row + i]! * s };
  },
  reference: /* @__PURE__ */ torchDialect({
    required: ["total_steps", "_schedule_phases"],
    ignored: ["use_beta1"],
    options: { annealStrategy: ["_anneal_func_type", "anneal_strategy"] },
    convert: readPhases,
  }),
});

export type OneCycleLR = InstanceType<typeof OneCycleLR>;
export type OneCycleLROptions = SchedulerOptions<typeof OneCycleLR>;
