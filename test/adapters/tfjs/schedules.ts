/**
 * Small schedules for the TF.js adapter tests: non-constant closed forms that also cycle momentum
 * and beta1 when the group has them, and a metric-driven one that follows the `step(metric)` contract.
 */
import * as z from "zod/mini";
import { defineSchedule, metricEpochs, num, positiveInt, torchEpochs, type Plateau } from "lr-schedulers/extend";

/** The momentum (or beta1) that goes with step `t`. */
export function wobbleMomentumAt(t: number, period: number): number {
  return 0.85 - 0.1 * Math.cos((2 * Math.PI * t) / period);
}

/** lr rises and falls every step; momentum and beta1 move against it, as OneCycle does. */
export const WobbleLR = defineSchedule({
  type: "WobbleLR",
  family: "test",
  counter: torchEpochs,
  options: () => ({ period: positiveInt() }),
  build: ({ period }, { groups }) => ({
    shape: (t) => 0.55 + 0.45 * Math.cos((2 * Math.PI * t) / period),
    momentum: (_i, _s, t) => wobbleMomentumAt(t, period),
    momentumTarget: Array.isArray(groups[0]!.betas) ? "beta1" : "momentum",
  }),
});

/** Halves the lr whenever the metric fails to improve; a stand-in with ReduceLROnPlateau's step(metric) contract. */
export const HalveOnPlateau = defineSchedule({
  type: "HalveOnPlateau",
  family: "test",
  counter: metricEpochs,
  base: "lr",
  options: () => ({ factor: z.optional(num()) }),
  build: ({ factor = 0.5 }) => {
    const plateau: Plateau<{ best: number }, number> = {
      fields: { best: num() },
      initial: { best: Number.MAX_VALUE },
      step(state, metric, lrs) {
        if (metric < state.best) state.best = metric;
        else for (let i = 0; i < lrs.length; i++) lrs[i] = lrs[i]! * factor;
      },
    };
    return { plateau: plateau as unknown as Plateau<Record<string, unknown>, number> };
  },
});
