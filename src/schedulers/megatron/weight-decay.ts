/**
 * The weight-decay half of Megatron-LM's `OptimizerParamScheduler` (`get_wd`), as closed forms of the
 * step counter `n`: an increase from `startWd` to `endWd` over `wdIncrSteps` steps, then `endWd`.
 * The settings are scheduler-wide; a group brings its own `startWd` / `endWd` (and `wdMult`, applied
 * by the caller). The arithmetic follows Megatron's operation order.
 */

/** Megatron's `wd_incr_style` values (`"constant"` needs `start_wd == end_wd`). */
export const WD_INCR_STYLES = ["constant", "linear", "cosine"] as const;
export type WdIncrStyle = (typeof WD_INCR_STYLES)[number];

/** The scheduler-wide weight-decay settings (validated options). */
export interface WeightDecaySettings {
  readonly wdIncrSteps: number;
  readonly wdIncrStyle: WdIncrStyle;
}

/**
 * The weight decay of every group as two closed forms: `shape(n)`, the share of `endWd - startWd`
 * reached at step `n` (the same for every group), and `wd(startWd, endWd, n, s)`, one group's weight
 * decay (before `wdMult`) given `s = shape(n)`.
 */
export interface WeightDecaySchedule {
  readonly shape: (n: number) => number;
  readonly wd: (startWd: number, endWd: number, n: number, s: number) => number;
}

/**
 * Megatron's `get_wd` for validated settings: `endWd` once `n > wdIncrSteps` or with the constant
 * style; else `startWd + coeff * (endWd - startWd)`, `coeff` being `n / wdIncrSteps` (linear) or
 * `0.5 * (cos(pi * (1 - n / wdIncrSteps)) + 1)` (cosine).
 */
export function weightDecaySchedule(o: WeightDecaySettings): WeightDecaySchedule {
  const steps = o.wdIncrSteps;
  const constant = o.wdIncrStyle === "constant";
  const linear = o.wdIncrStyle === "linear";
  return {
    shape(n) {
      if (constant) return 0;
      const ratio = n / steps;
      return linear ? ratio : 0.5 * (Math.cos(Math.PI * (1 - ratio)) + 1);
    },
    wd(startWd, endWd, n, s) {
      if (n > steps || constant) return endWd;
      return startWd + s * (endWd - startWd);
    },
  };
}
