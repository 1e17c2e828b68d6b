/**
 * What every schedule built on PyTorch's `LRScheduler` takes (PyTorch's own, and the Hugging Face,
 * SambaFlow and BioNeMo schedules that are `LambdaLR`s or `_LRScheduler`s): `last_epoch`, and the
 * keys of PyTorch's `state_dict()` that carry only its bookkeeping.
 */
import type { ReferenceDialect } from "../../core/reference.js";
import { int, withDefault } from "../../core/schema.js";

/** PyTorch's `last_epoch`: -1 for a new schedule; the index of the last epoch when resuming without a state dict. */
export const lastEpochOption = () => ({ lastEpoch: withDefault(int("an integer >= -1", (v) => v >= -1), -1) });

/** Keys of every PyTorch scheduler's `state_dict()` that restore nothing here. */
export const TORCH_BOOKKEEPING = ["_step_count", "_get_lr_called_within_step", "_is_initial", "verbose"] as const;

/**
 * PyTorch's dialect: the counter, the base lrs and the last lrs under PyTorch's keys, the options
 * under their Python names; `more` adds keys to ignore and to require, and any other dialect field
 * (a converter, an options table). One literal argument, so that a bundler can drop an unused schedule.
 */
export function torchDialect(more: Partial<ReferenceDialect> = {}): ReferenceDialect {
  return {
    counter: ["last_epoch"],
    baseLrs: "base_lrs",
    lastLr: "_last_lr",
    optionsByName: { except: ["lastEpoch"] },
    ...more,
    ignored: [...TORCH_BOOKKEEPING, ...(more.ignored ?? [])],
  };
}
