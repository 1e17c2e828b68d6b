/**
 * What the PyTorch family shares: the `last_epoch` constructor argument. With the default -1 each
 * group's `initialLr` is set if absent and the construction step takes the counter to 0; with
 * another value the groups must already carry `initialLr` (PyTorch raises a KeyError otherwise).
 */
import { InvalidOptionError } from "../../core/errors.js";
import { LRScheduler } from "../../core/scheduler.js";
import { emitWarning } from "../../core/warnings.js";
import { int } from "../../core/schema.js";
import * as z from "zod/mini";

/** Options every PyTorch scheduler takes. */
export const torchCommonOptions = {
  /** PyTorch's `last_epoch`: -1 for a new schedule; the index of the last epoch when resuming without a state dict. */
  lastEpoch: /* @__PURE__ */ z.optional(/* @__PURE__ */ int("an integer >= -1", (v) => v >= -1)),
};

export interface TorchCommonOptions {
  lastEpoch?: number | undefined;
}

export abstract class TorchScheduler<O extends TorchCommonOptions = TorchCommonOptions, R = O> extends LRScheduler<O, R> {
  protected override initialBaseLrs(options: O): number[] {
    if ((options.lastEpoch ?? -1) === -1) return super.initialBaseLrs(options);
    return this.optimizer.paramGroups.map((g, i) => {
      if (typeof g.initialLr !== "number") {
        throw new InvalidOptionError(this.type, "last_epoch", options.lastEpoch, `-1 unless every param group has "initialLr" (group ${i} has none)`);
      }
      return g.initialLr;
    });
  }

  protected override initialEpoch(options: O): number {
    return (options.lastEpoch ?? -1) + 1;
  }

  /** `step()`, or PyTorch's deprecated `step(epoch)`: a jump to that epoch, computed in closed form. */
  override step(epoch?: number): void {
    if (epoch !== undefined) {
      emitWarning(this.type, "deprecated-epoch-argument", "step(epoch) is deprecated in PyTorch; the closed form at that epoch is used.");
    }
    super.step(epoch);
  }
}
