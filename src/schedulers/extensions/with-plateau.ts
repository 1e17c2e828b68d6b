import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { LRScheduler } from "../../core/engine.js";
import { schedulerInstance } from "../../core/schema.js";
import { metricEpochs } from "../../core/counter.js";
import { buildTorchPlateau, plateauClass, torchPlateauOptions } from "../shared/plateau.js";

/**
 * ReduceLROnPlateau's cuts on top of any schedule: `step(metric)` at each epoch end cuts as PyTorch's
 * ReduceLROnPlateau does (factor, patience, threshold, cooldown, min_lr, eps), and the cuts multiply
 * whatever the schedule writes at its own steps, a per-batch warmup-cosine or a Keras or optax
 * schedule included. Both resume exactly from their own state dicts.
 * @example
 * const cosine = new CosineAnnealingLR(optimizer, { tMax: 10_000 });      // stepped every batch
 * const plateau = withPlateau(cosine, { factor: 0.5, patience: 2 });     // stepped every epoch with the validation loss
 */
export const WithPlateau = /* @__PURE__ */ plateauClass(
  /* @__PURE__ */ defineSchedule({
    type: "WithPlateau",
    family: "extensions",
    counter: metricEpochs,
    base: "lr",
    chainable: () => true,
    options: () => ({
      /** The schedule whose values the cuts multiply (built on the same optimizer). */
      schedule: schedulerInstance(),
      ...torchPlateauOptions(),
    }),
    childOptions: ["schedule"],
    multiplies: (o) => o.schedule as LRScheduler,
    build: buildTorchPlateau,
  }),
);

export type WithPlateau = InstanceType<typeof WithPlateau>;
export type WithPlateauOptions = SchedulerOptions<typeof WithPlateau>;

/**
 * Puts ReduceLROnPlateau's cuts on top of `scheduler` (see WithPlateau): step `scheduler` as usual,
 * and this one with the monitored metric.
 * @example
 * const plateau = withPlateau(warmupCosine, { factor: 0.1, patience: 3, mode: "min" });
 */
export function withPlateau(scheduler: LRScheduler, options: Omit<WithPlateauOptions, "schedule"> = {}): WithPlateau {
  return new WithPlateau(scheduler.optimizer, { ...options, schedule: scheduler });
}
