import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import { deepspeedCommonOptions } from "./base.js";
import { WarmupScheduler, warmupOptions, type DeepSpeedWarmupOptions, type WarmupResolved } from "./warmup-base.js";

export type WarmupLROptions = DeepSpeedWarmupOptions;

/**
 * DeepSpeed's `WarmupLR`: from `warmup_min_lr` to `warmup_max_lr` over `warmup_num_steps`
 * iterations, then `warmup_max_lr` for good. Log warmup: `gamma = ln(it + 1) / ln(n)`; linear:
 * `gamma = it / n`; `lr = min_lr + (max_lr - min_lr) * gamma`. `n = max(2, warmup_num_steps)`.
 * @example
 * const scheduler = new WarmupLR(optimizer, { warmupMaxLr: 1e-3, warmupNumSteps: 1000, warmupType: "linear" });
 */
export class WarmupLR extends WarmupScheduler<WarmupLROptions> {
  static readonly schedulerType = "WarmupLR";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({ ...warmupOptions(), ...deepspeedCommonOptions }));

  constructor(optimizer: Optimizer, options: WarmupLROptions = {}) {
    super(optimizer, options);
  }

  protected override resolve(options: WarmupLROptions, optimizer: Optimizer): WarmupResolved {
    return this.resolveWarmupLrs(options, optimizer);
  }

  protected gammaAfterWarmup(_t: number): number {
    return 1;
  }
}
