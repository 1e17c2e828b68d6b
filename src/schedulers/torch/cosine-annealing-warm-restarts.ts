import { torchEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { ConvertedReference } from "../../core/reference.js";
import { int, num, positiveInt, withDefault } from "../../core/schema.js";
import type { StateReader } from "../../core/state.js";
import { lastEpochOption, torchDialect } from "../shared/torch-options.js";

/** First epoch of cycle `n` (T_mult > 1). */
function cycleStart(t0: number, tMult: number, n: number): number {
  return (t0 * (tMult ** n - 1)) / (tMult - 1);
}

/** The cycle containing epoch `e` exactly (T_mult > 1): the largest `n` with `cycleStart(n) <= e` (the logarithm corrected by one where it rounds across). */
function exactCycle(t0: number, tMult: number, e: number): number {
  if (e < t0) return 0;
  let n = Math.floor(Math.log((e / t0) * (tMult - 1) + 1) / Math.log(tMult));
  if (cycleStart(t0, tMult, n + 1) <= e) n += 1;
  else if (n > 0 && cycleStart(t0, tMult, n) > e) n -= 1;
  return n;
}

/** The cycle PyTorch's `step(epoch)` computes (T_mult > 1): CPython's `int(math.log(x, T_mult))` is `ln(x) / ln(T_mult)`, truncated. */
function explicitCycle(t0: number, tMult: number, e: number): number {
  if (e < t0) return 0;
  return Math.trunc(Math.log((e / t0) * (tMult - 1) + 1) / Math.log(tMult));
}

/**
 * PyTorch's dict has `last_epoch = floor(epoch)`, `T_cur` (the position in the cycle) and `T_i` (the
 * cycle's length): the epoch is `last_epoch + frac(T_cur)`; `T_i` must be a cycle length `T_0 * T_mult ** n`.
 */
function readCyclePosition(dict: Readonly<Record<string, unknown>>, reader: StateReader): ConvertedReference {
  if (dict.T_cur === undefined || dict.T_0 === undefined || dict.T_mult === undefined) return { consumed: [] }; // another schedule's dict
  const lastEpoch = reader.number("last_epoch", { integer: true, min: 0 });
  const tCur = reader.number("T_cur");
  const t0 = reader.number("T_0", { integer: true, min: 1 });
  const tMult = reader.number("T_mult", { integer: true, min: 1 });
  if (dict.T_i !== undefined) {
    const tI = reader.number("T_i", { min: t0 });
    const n = tMult === 1 ? 0 : Math.round(Math.log(tI / t0) / Math.log(tMult));
    if (t0 * tMult ** n !== tI) reader.fail("T_i", `T_0 * T_mult ** n for an integer n >= 0 (T_0 = ${t0}, T_mult = ${tMult})`);
  }
  return { lastEpoch: lastEpoch + (tCur - Math.floor(tCur)), consumed: ["T_cur", "T_i"] };
}

/**
 * PyTorch's `CosineAnnealingWarmRestarts` (SGDR): within cycle `n`, which starts at epoch
 * `s_n = T_0 * (T_mult ** n - 1) / (T_mult - 1)` (`n * T_0` when `T_mult = 1`) and lasts
 * `T_i = T_0 * T_mult ** n`, `lr = eta_min + (base_lr - eta_min) * (1 + cos(pi * (e - s_n) / T_i)) / 2`.
 *
 * The counter `lastEpoch` is the real-valued epoch `e`: `step()` adds 1, `step(epoch)` sets it
 * (fractional epochs allowed). Plain steps find the cycle exactly, as PyTorch's `T_cur += 1`
 * recursion does; `step(epoch)` finds it as PyTorch does, `int(log(x) / log(T_mult))`, which at an
 * exact restart epoch can land one cycle early. The values of such a step are kept until the next one.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new CosineAnnealingWarmRestarts(optimizer, { t0: 10, tMult: 2 });
 * const batches = 4;
 * for (let epoch = 0; epoch < 20; epoch++)
 *   for (let b = 0; b < batches; b++) scheduler.step(epoch + b / batches);
 */
export const CosineAnnealingWarmRestarts = /* @__PURE__ */ defineSchedule({
  type: "CosineAnnealingWarmRestarts",
  family: "torch",
  counter: torchEpochs,
  options: () => ({
    /** Length of the first cycle, in epochs (`T_0`), a positive integer. */
    t0: positiveInt(),
    /** Each cycle is `T_mult` times longer than the previous one (`T_mult`), an integer >= 1. */
    tMult: withDefault(int("an integer >= 1", (v) => v >= 1), 1),
    /** The lr at the end of each cycle (`eta_min`). */
    etaMin: withDefault(num(), 0.0),
    ...lastEpochOption(),
  }),
  build: ({ t0, tMult, etaMin }, { baseLrs }) => {
    const lr = (i: number, cosine: number) => etaMin + ((baseLrs[i]! - etaMin) * cosine) / 2;
    // T_mult = 1: every cycle is T_0 long, the position is `t % T_0` whatever the cycle.
    if (tMult === 1) return { shape: (t) => 1 + Math.cos((Math.PI * (t % t0)) / t0), lr };
    /** `1 + cos(pi * T_cur / T_i)` at epoch `e`, counted in cycle `n`. */
    const cosineInCycle = (e: number, n: number) => 1 + Math.cos((Math.PI * (e - cycleStart(t0, tMult, n))) / (t0 * tMult ** n));
    return {
      shape: (t) => cosineInCycle(t, exactCycle(t0, tMult, t)),
      jumpShape: (t) => cosineInCycle(t, explicitCycle(t0, tMult, t)),
      lr,
    };
  },
  reference: /* @__PURE__ */ torchDialect({ required: ["T_0", "T_mult", "eta_min", "T_cur"], convert: readCyclePosition }),
});

export type CosineAnnealingWarmRestarts = InstanceType<typeof CosineAnnealingWarmRestarts>;
export type CosineAnnealingWarmRestartsOptions = SchedulerOptions<typeof CosineAnnealingWarmRestarts>;
