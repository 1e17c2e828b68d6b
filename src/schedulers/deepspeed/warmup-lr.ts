import { deepspeedIterations } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { deepspeedDialect, lastBatchIterationOption, warmupLrForm, warmupLrOptions } from "./common.js";

/**
 * DeepSpeed's `WarmupLR`: from `warmup_min_lr` to `warmup_max_lr` over `warmup_num_steps`
 * iterations, then `warmup_max_lr` for good. Log warmup: `gamma = ln(it + 1) / ln(n)`; linear:
 * `gamma = it / n`; `lr = min_lr + (max_lr - min_lr) * gamma`, with `n = max(2, warmup_num_steps)`.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const scheduler = new WarmupLR(optimizer, { warmupMaxLr: 1e-3, warmupNumSteps: 1000, warmupType: "linear" });
 * scheduler.step(); // iteration 0: lr 0
 */
export const WarmupLR = /* @__PURE__ */ defineSchedule({
  type: "WarmupLR",
  family: "deepspeed",
  counter: deepspeedIterations,
  base: "lr",
  options: () => ({ ...warmupLrOptions(), ...lastBatchIterationOption() }),
  build: (o, ctx) => warmupLrForm(o, ctx, () => 1),
  reference: deepspeedDialect,
});

export type WarmupLR = InstanceType<typeof WarmupLR>;
export type WarmupLROptions = SchedulerOptions<typeof WarmupLR>;
