import { lazySchema } from "../../core/schema.js";
import type { Optimizer } from "../../core/optimizer.js";
import { torchCommonOptions, type TorchCommonOptions } from "../torch/base.js";
import { FactorSchedule } from "./factor-schedule.js";

export type ConstantScheduleOptions = TorchCommonOptions;

/** Hugging Face's `get_constant_schedule`: every group keeps its initial lr. */
export class ConstantSchedule extends FactorSchedule<ConstantScheduleOptions> {
  static readonly schedulerType = "get_constant_schedule";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({ ...torchCommonOptions }));

  constructor(optimizer: Optimizer, options: ConstantScheduleOptions = {}) {
    super(optimizer, options);
  }

  protected factor(): number {
    return 1;
  }
}

/**
 * `get_constant_schedule(optimizer, last_epoch=-1)`.
 * @example
 * const scheduler = getConstantSchedule(optimizer);
 */
export function getConstantSchedule(optimizer: Optimizer, options: ConstantScheduleOptions = {}): ConstantSchedule {
  return new ConstantSchedule(optimizer, options);
}
