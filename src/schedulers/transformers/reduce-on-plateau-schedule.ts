import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import type { Optimizer } from "../../core/optimizer.js";
import { plateauClass, torchPlateauDefinition } from "../shared/plateau.js";

/**
 * Hugging Face's `get_reduce_on_plateau_schedule(optimizer, **kwargs)`: PyTorch's ReduceLROnPlateau
 * with the given options, under transformers' name. `step(metric)` at each epoch end cuts every
 * group's lr by `factor` once the metric has not improved for more than `patience` steps. PyTorch's
 * ReduceLROnPlateau `state_dict()` (what transformers' scheduler saves) loads.
 * @example
 * const scheduler = new ReduceOnPlateauSchedule(optimizer, { factor: 0.5, patience: 2 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); scheduler.step(validationLoss()); }
 */
export const ReduceOnPlateauSchedule = /* @__PURE__ */ plateauClass(
  /* @__PURE__ */ defineSchedule(/* @__PURE__ */ torchPlateauDefinition("get_reduce_on_plateau_schedule", "transformers")),
);
export type ReduceOnPlateauSchedule = InstanceType<typeof ReduceOnPlateauSchedule>;
export type ReduceOnPlateauScheduleOptions = SchedulerOptions<typeof ReduceOnPlateauSchedule>;

/**
 * `get_reduce_on_plateau_schedule(optimizer, **kwargs)`; step it with the metric: `scheduler.step(validationLoss)`.
 * @example
 * const scheduler = getReduceOnPlateauSchedule(optimizer, { factor: 0.5, patience: 2 });
 */
export function getReduceOnPlateauSchedule(optimizer: Optimizer, options: ReduceOnPlateauScheduleOptions = {}): ReduceOnPlateauSchedule {
  return new ReduceOnPlateauSchedule(optimizer, options);
}
