import type { Optimizer } from "../../core/optimizer.js";
import type { SchedulerFactory } from "../../core/registry.js";
import { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from "../torch/reduce-lr-on-plateau.js";

/**
 * Hugging Face's `get_reduce_on_plateau_schedule(optimizer, **kwargs)`: PyTorch's ReduceLROnPlateau
 * with the given options (its state dict is ReduceLROnPlateau's). Step it with the metric:
 * `scheduler.step(validationLoss)`.
 * @example
 * const scheduler = getReduceOnPlateauSchedule(optimizer, { factor: 0.5, patience: 2 });
 */
export function getReduceOnPlateauSchedule(optimizer: Optimizer, options: ReduceLROnPlateauOptions = {}): ReduceLROnPlateau {
  return new ReduceLROnPlateau(optimizer, options);
}

/** `createScheduler(optimizer, { type: "get_reduce_on_plateau_schedule", params: { factor, patience, ... } })`. */
export const reduceOnPlateauScheduleFactory: SchedulerFactory = {
  type: "get_reduce_on_plateau_schedule",
  create: (optimizer, params) => getReduceOnPlateauSchedule(optimizer, params),
};
