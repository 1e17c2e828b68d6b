import { defineSchedule } from "../../core/define.js";
import { plateauClass, torchPlateauDefinition } from "../shared/plateau.js";

/**
 * PyTorch's `ReduceLROnPlateau`: `step(metric)` cuts every group's lr by `factor` once the metric
 * has not improved for more than `patience` steps. The lr depends on the metrics seen, not on a step
 * counter; its state (best metric, counters, lrs) travels in the state dict. PyTorch's attributes
 * `best`, `num_bad_epochs` and `cooldown_counter` are `best`, `numBadEpochs` and `cooldownCounter`.
 * @example
 * const scheduler = new ReduceLROnPlateau(optimizer, { mode: "min", factor: 0.5, patience: 3 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); scheduler.step(validationLoss()); }
 */
export const ReduceLROnPlateau = /* @__PURE__ */ plateauClass(/* @__PURE__ */ defineSchedule(/* @__PURE__ */ torchPlateauDefinition("ReduceLROnPlateau", "torch")));

export type ReduceLROnPlateau = InstanceType<typeof ReduceLROnPlateau>;
