import * as z from "zod/mini";
import { torchEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { StepError, describeValue } from "../../core/errors.js";
import type { ConvertedReference } from "../../core/reference.js";
import type { Form } from "../../core/schedule.js";
import { bool, fn, num, perGroup, withDefault } from "../../core/schema.js";
import type { StateReader } from "../../core/state.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";
import { momentumBound, momentumTarget, perGroupValues } from "./momentum.js";

const MODES = ["triangular", "triangular2", "exp_range"];

const text = () => z.custom<string>((v) => typeof v === "string", { error: "a string" });

/** A list of equal values is the single value (PyTorch's dict keeps one per group). */
const collapse = (list: unknown) => (Array.isArray(list) && list.length > 0 && list.every((v) => v === list[0]) ? list[0] : list);

/**
 * PyTorch's keys: `max_lrs`, `base_lrs`, `base_momentums`, `max_momentums`, and the cycle as
 * `total_size` + `step_ratio` (turned back into step sizes; whole ones when they give the same cycle).
 * PyTorch rewrites `scale_mode` to the built-in mode's own ("cycle" or "iterations"): such a value is not an option given.
 */
function readCycle(dict: Readonly<Record<string, unknown>>, reader: StateReader): ConvertedReference {
  if (dict.total_size === undefined || dict.step_ratio === undefined) return { consumed: [] }; // another schedule's dict
  const options: Record<string, unknown> = {};
  for (const [option, key] of [["baseLr", "base_lrs"], ["maxLr", "max_lrs"], ["baseMomentum", "base_momentums"], ["maxMomentum", "max_momentums"]] as const) {
    if (dict[key] !== undefined) options[option] = collapse(dict[key]);
  }
  const total = reader.number("total_size");
  const ratio = reader.number("step_ratio");
  const raw = total * ratio;
  const whole = Math.round(raw);
  const up = whole / total === ratio && whole + (total - whole) === total ? whole : raw;
  const down = total - up;
  options.stepSizeUp = up;
  options.stepSizeDown = down === up ? undefined : down;
  const normalised = dict.mode === "exp_range" ? "iterations" : "cycle";
  if (dict.scale_mode !== undefined && !(MODES.includes(dict.mode as string) && dict.scale_mode === normalised)) options.scaleMode = dict.scale_mode;
  return { options, consumed: ["max_lrs", "base_momentums", "max_momentums", "total_size", "step_ratio", "scale_mode"] };
}

/**
 * PyTorch's `CyclicLR` (cyclical learning rates): with `cycle = floor(1 + t / total)` and
 * `x = 1 + t / total - cycle`, the lr is `base_lr + (max_lr - base_lr) * f(x) * scale(cycle or t)`,
 * where `f` rises 0 -> 1 over the first `step_size_up` steps and falls back over `step_size_down`.
 * A new run writes `base_lr` into the groups (and `max_momentum`, with the `maxMomentum` and
 * `baseMomentum` keys, when the momentum cycles).
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1, momentum: 0.9 }], defaults: { lr: 0.1, momentum: 0.9 } };
 * const scheduler = new CyclicLR(optimizer, { baseLr: 0.001, maxLr: 0.006, stepSizeUp: 2000 });
 * for (let batch = 0; batch < 8000; batch++) scheduler.step();
 */
export const CyclicLR = /* @__PURE__ */ defineSchedule({
  type: "CyclicLR",
  family: "torch",
  counter: torchEpochs,
  options: () => ({
    /** Lower lr bound of the cycle, one value or one per group (`base_lr`). */
    baseLr: perGroup(num(), "a finite number"),
    /** Upper lr bound, one value or one per group (`max_lr`); below `baseLr` the cycle is inverted. */
    maxLr: perGroup(num(), "a finite number"),
    /** Steps of the rising half of a cycle. */
    stepSizeUp: withDefault(num(), 2000),
    /** Steps of the falling half; absent or null: `stepSizeUp`. */
    stepSizeDown: z.optional(z.nullable(num())),
    /** `"triangular"`, `"triangular2"` (amplitude halved each cycle) or `"exp_range"` (times `gamma ** t`); anything with `scaleFn`. */
    mode: withDefault(text(), "triangular"),
    /** The base of `exp_range`. */
    gamma: withDefault(num(), 1.0),
    /** Custom amplitude scaling, replaces `mode`. A function cannot be saved: loading a state dict keeps the constructor's. */
    scaleFn: z.optional(z.nullable(fn<(x: number) => number>())),
    /** What `scaleFn` receives: the cycle number (`"cycle"`) or, for any other value, the step counter. */
    scaleMode: withDefault(text(), "cycle"),
    /** Cycle momentum (or beta1) inversely to the lr. */
    cycleMomentum: withDefault(bool(), true),
    /** Momentum at the lr peak. */
    baseMomentum: withDefault(momentumBound(), 0.8 as number | number[]),
    /** Momentum at the lr trough (written at construction). */
    maxMomentum: withDefault(momentumBound(), 0.9 as number | number[]),
    ...lastEpochOption(),
  }),
  build: (o, ctx) => {
    const baseLrs = perGroupValues(ctx, "baseLr", o.baseLr);
    const maxLrs = perGroupValues(ctx, "maxLr", o.maxLr);
    const up = o.stepSizeUp;
    const totalSize = up + (o.stepSizeDown ?? up);
    // PyTorch divides by total_size, and by step_ratio where the cycle starts.
    if (up === 0) return ctx.fail("stepSizeUp", up, "a number other than 0");
    if (totalSize === 0) return ctx.fail("stepSizeDown", o.stepSizeDown, "a number other than -step_size_up");
    const stepRatio = up / totalSize;
    const custom = o.scaleFn ?? undefined;
    if (custom === undefined && !MODES.includes(o.mode)) return ctx.fail("mode", o.mode, `one of ${MODES.map((m) => JSON.stringify(m)).join(", ")} (or any value with scale_fn)`);
    const gamma = o.gamma;
    const scaleFn = custom ?? (o.mode === "triangular2" ? (x: number) => 1 / 2.0 ** (x - 1) : o.mode === "exp_range" ? (x: number) => gamma ** x : () => 1.0);
    // The built-in modes fix the argument: exp_range takes the step counter, the triangles the cycle.
    const byCycle = custom === undefined ? o.mode !== "exp_range" : o.scaleMode === "cycle";
    const cycling = o.cycleMomentum;
    const target = cycling ? momentumTarget("CyclicLR", ctx) : undefined;
    const maxMomentums = cycling ? perGroupValues(ctx, "maxMomentum", o.maxMomentum) : [];
    const baseMomentums = cycling ? perGroupValues(ctx, "baseMomentum", o.baseMomentum) : [];
    // The amplitude's scale at the step `shape` was last called for, read by the per-group functions.
    let scale = 1;
    const form: Form = {
      shape(t) {
        const cycle = Math.floor(1 + t / totalSize);
        const x = 1.0 + t / totalSize - cycle;
        const s: unknown = scaleFn(byCycle ? cycle : t);
        if (typeof s !== "number") throw new StepError("CyclicLR", t, `scale_fn returned ${describeValue(s)}; it must return a number`, "non-finite-value");
        scale = s;
        return x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1);
      },
      lr: (i, factor) => baseLrs[i]! + (maxLrs[i]! - baseLrs[i]!) * factor * scale,
      baseLrs,
      // PyTorch writes base_lr into each group's lr before its base class records initial_lr (setdefault).
      groupFields: (i) => ({
        ...(ctx.groups[i]!.initialLr === undefined ? { initialLr: baseLrs[i]! } : {}),
        ...(cycling ? { maxMomentum: maxMomentums[i]!, baseMomentum: baseMomentums[i]! } : {}),
      }),
    };
    if (!cycling) return form;
    return { ...form, momentumTarget: target, momentum: (i, factor) => maxMomentums[i]! - (maxMomentums[i]! - baseMomentums[i]!) * factor * scale };
  },
  reference: /* @__PURE__ */ torchDialect({
    required: ["max_lrs", "total_size", "step_ratio"],
    ignored: ["use_beta1", "_scale_fn_custom", "_scale_fn_ref"],
    optionsByName: { except: ["lastEpoch", "baseLr", "maxLr", "baseMomentum", "maxMomentum", "stepSizeUp", "stepSizeDown", "scaleMode", "scaleFn"] },
    convert: readCycle,
  }),
});

export type CyclicLR = InstanceType<typeof CyclicLR>;
export type CyclicLROptions = SchedulerOptions<typeof CyclicLR>;
