import { deepspeedIterations } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { StepError } from "../../core/errors.js";
import { num, withDefault } from "../../core/schema.js";
import { deepspeedDialect, isKnownWarmupType, lastBatchIterationOption, numberPerGroup, perGroupValues, warmupOf, warmupTypeOption } from "./common.js";

const TYPE = "WarmupCosineLR";

/**
 * DeepSpeed's `WarmupCosineLR`, ratio-based: `lr = lr0 * ratio(it)` where `lr0` is each group's lr
 * when the scheduler was built. Warmup: `ratio = warmup_min_ratio + (1 - warmup_min_ratio) * w(it)`
 * (w as in WarmupLR); then `ratio = max(0, cos_min_ratio + (1 - cos_min_ratio) * (1 + cos(pi * s / (total - n))) / 2)`
 * with `s = it - n + 1`. As in DeepSpeed there is no clamp past `total_num_steps` (the cosine comes
 * back up), and construction sets only the first group's lr to 0 (the others keep theirs until the first step).
 * @example
 * const optimizer = { paramGroups: [{ lr: 6e-4 }, { lr: 6e-5 }] };
 * const scheduler = new WarmupCosineLR(optimizer, { totalNumSteps: 10000, warmupNumSteps: 500, warmupType: "linear" });
 * scheduler.step(250); // both groups at half their lr
 */
export const WarmupCosineLR = /* @__PURE__ */ defineSchedule({
  type: TYPE,
  family: "deepspeed",
  counter: deepspeedIterations,
  base: "lr",
  options: () => ({
    /** End of the cosine, in iterations (`total_num_steps`). */
    totalNumSteps: num(),
    /** Ratio of each group's lr at the start of the warmup, one or one per group (`warmup_min_ratio`). */
    warmupMinRatio: withDefault(numberPerGroup(), 0 as number | number[]),
    /** Warmup length in iterations (`warmup_num_steps`); below 2 it counts as 2. */
    warmupNumSteps: withDefault(num(), 1000),
    /** Ratio the cosine falls to (`cos_min_ratio`). */
    cosMinRatio: withDefault(num(), 1e-4),
    /** `"log"` or `"linear"` (`warmup_type`); with any other string every warmup iteration fails, as in DeepSpeed. */
    warmupType: warmupTypeOption(),
    ...lastBatchIterationOption(),
  }),
  build: (o, ctx) => {
    const minRatios = perGroupValues(o.warmupMinRatio, "warmupMinRatio", ctx.groups.length, ctx.fail);
    const warmup = warmupOf(o.warmupNumSteps, o.warmupType);
    const n = warmup.steps;
    const total = o.totalNumSteps;
    const cosineSteps = total - n;
    const cosMinRatio = o.cosMinRatio;
    const baseLrs = ctx.baseLrs;
    if (total < n) {
      ctx.warn("total-steps-within-warmup", `total_num_steps ${total} is less than warmup_num_steps ${o.warmupNumSteps}: the cosine runs with a negative period, as in DeepSpeed.`);
    }
    if (cosineSteps === 0) {
      ctx.warn("zero-length-cosine", `total_num_steps equals max(2, warmup_num_steps) = ${n}: every iteration from ${n} on fails (DeepSpeed divides by zero there).`);
    }
    const known = isKnownWarmupType(o.warmupType);
    if (!known) {
      ctx.warn("unknown-warmup-type", `Unknown warmup_type ${JSON.stringify(o.warmupType)}: DeepSpeed's WarmupCosineLR has no fallback, so every warmup iteration (0 to ${n} - 1) fails.`);
    }
    return {
      shape(t) {
        if (t < 0) return 0;
        if (t < n) {
          if (!known) throw new StepError(TYPE, t, `warmup_type ${JSON.stringify(o.warmupType)} is neither "log" nor "linear" (DeepSpeed raises UnboundLocalError at every warmup iteration)`);
          return warmup.progress(t);
        }
        if (cosineSteps === 0) throw new StepError(TYPE, t, `the cosine has length total_num_steps - max(2, warmup_num_steps) = 0 (DeepSpeed raises ZeroDivisionError)`);
        const cosine = (1 + Math.cos((Math.PI * (t - n + 1)) / cosineSteps)) / 2;
        return Math.max(0, cosMinRatio + (1 - cosMinRatio) * cosine);
      },
      lr(i, ratio, t) {
        // Before the start DeepSpeed's lr list is [0.0]: only the first group is written.
        if (t < 0) return i === 0 ? 0 : baseLrs[i]!;
        if (t >= n) return baseLrs[i]! * ratio;
        const minRatio = minRatios[i]!;
        return baseLrs[i]! * (minRatio + ratio * (1 - minRatio));
      },
    };
  },
  reference: deepspeedDialect,
});

export type WarmupCosineLR = InstanceType<typeof WarmupCosineLR>;
export type WarmupCosineLROptions = SchedulerOptions<typeof WarmupCosineLR>;
