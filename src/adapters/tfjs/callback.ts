/**
 * `lrSchedulerCallback(scheduler, { interval, monitor })`: steps a scheduler from `model.fit` or
 * `model.fitDataset`. It is a plain object of functions, which tfjs-layers wraps in its own
 * CustomCallback, so it works whatever copy of tfjs-layers the model comes from.
 */
import { InvalidOptionError, StepError } from "../../core/errors.js";
import type { LRScheduler } from "../../core/engine.js";

const WHO = "lrSchedulerCallback";

/** tfjs-layers' resolved logs: metric name -> number. */
export type TfjsLogs = Record<string, number | unknown>;

export interface LRSchedulerCallbackOptions {
  /** Step the scheduler after every batch (OneCycle, warmup schedules) or after every epoch. */
  interval: "batch" | "epoch";
  /**
   * For a metric-driven scheduler (ReduceLROnPlateau): the log entry fed to `step(metric)`.
   * Default `"val_loss"`. Batch logs carry no validation metrics, so use `"loss"` with `interval: "batch"`.
   */
  monitor?: string;
}

/** The callback object to put in `model.fit(x, y, { callbacks: [...] })`. */
export interface LRSchedulerCallback {
  onBatchEnd(batch: number, logs?: TfjsLogs): void;
  onEpochEnd(epoch: number, logs?: TfjsLogs): void;
  /** Updates seen since the callback was made, across epochs (TF.js restarts its batch index every epoch). */
  readonly globalStep: number;
  /** Epochs seen since the callback was made. */
  readonly epochsSeen: number;
}

/** The scheduler surface the callback uses. */
type Steppable = Pick<LRScheduler, "step" | "optimizer" | "lastEpoch"> & { readonly type?: string; readonly isClosedForm?: boolean };

function readOptions(scheduler: unknown, options: unknown): { metricDriven: boolean; interval: "batch" | "epoch"; monitor: string } {
  if (typeof scheduler !== "object" || scheduler === null || typeof (scheduler as Steppable).step !== "function" || !Array.isArray((scheduler as Steppable).optimizer?.paramGroups)) {
    throw new InvalidOptionError(WHO, "scheduler", scheduler, "a scheduler (an object with step() and optimizer.paramGroups)");
  }
  if (typeof options !== "object" || options === null) throw new InvalidOptionError(WHO, "options", options, '{ interval: "batch" | "epoch", monitor? }');
  const { interval, monitor, ...rest } = options as Partial<LRSchedulerCallbackOptions>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new InvalidOptionError(WHO, unknown, (rest as Record<string, unknown>)[unknown], "one of the accepted options (interval, monitor)");
  if (interval !== "batch" && interval !== "epoch") throw new InvalidOptionError(WHO, "interval", interval, '"batch" or "epoch"');
  const metricDriven = (scheduler as Steppable).isClosedForm === false;
  if (monitor !== undefined) {
    if (typeof monitor !== "string" || monitor === "") throw new InvalidOptionError(WHO, "monitor", monitor, "the name of a log entry, e.g. \"val_loss\"");
    if (!metricDriven) {
      throw new InvalidOptionError(WHO, "monitor", monitor, `absent: ${(scheduler as Steppable).type ?? "this scheduler"} is not driven by a metric (only ReduceLROnPlateau-like schedulers are)`);
    }
  }
  const name = monitor ?? "val_loss";
  if (metricDriven && interval === "batch" && name.startsWith("val_")) {
    throw new InvalidOptionError(WHO, "monitor", monitor, 'a training metric such as "loss" with interval "batch" (batch logs carry no validation metrics)');
  }
  return { metricDriven, interval, monitor: name };
}

/**
 * Makes the `model.fit` callback that steps `scheduler` after each update (`interval: "batch"`) or
 * each epoch (`interval: "epoch"`). ReduceLROnPlateau gets the monitored log value.
 * After every epoch the lr of its last update is added to the epoch logs as `lr`, so `history.history.lr` has it.
 * @throws InvalidOptionError for a bad option (when made); StepError when the monitored value is missing (during fit)
 * @example
 * await model.fit(xs, ys, { epochs: 5, callbacks: [lrSchedulerCallback(scheduler, { interval: "batch" })] });
 */
export function lrSchedulerCallback(scheduler: Steppable, options: LRSchedulerCallbackOptions): LRSchedulerCallback {
  const { metricDriven, interval, monitor } = readOptions(scheduler, options);
  const group = scheduler.optimizer.paramGroups[0]!;
  let globalStep = 0;
  let epochsSeen = 0;
  // The lr of the latest update, for the epoch logs (with interval "batch" the group already holds the next one).
  let lrOfLastUpdate = group.lr;

  const advance = (logs: TfjsLogs | undefined, where: string) => {
    if (!metricDriven) {
      scheduler.step();
      return;
    }
    const value = logs?.[monitor];
    if (typeof value !== "number") {
      const have = logs ? Object.keys(logs).join(", ") || "nothing" : "nothing";
      throw new StepError(
        scheduler.type ?? WHO,
        scheduler.lastEpoch,
        `the monitored value "${monitor}" is not in the ${where} logs (they have: ${have}); ` +
          (monitor.startsWith("val_") ? "give fit() validationData or validationSplit, or " : "") +
          "choose another monitor",
      );
    }
    scheduler.step(value);
  };

  return {
    onBatchEnd(_batch, logs) {
      globalStep += 1;
      lrOfLastUpdate = group.lr;
      if (interval === "batch") advance(logs, "batch");
    },
    onEpochEnd(_epoch, logs) {
      epochsSeen += 1;
      if (interval === "epoch") advance(logs, "epoch");
      if (logs) logs.lr = lrOfLastUpdate;
    },
    get globalStep() {
      return globalStep;
    },
    get epochsSeen() {
      return epochsSeen;
    },
  };
}
