/**
 * `lrSchedulerCallback(scheduler, { interval, monitor })`: steps a scheduler from `model.fit` or
 * `model.fitDataset`. It is a plain object of functions, which tfjs-layers wraps in its own
 * CustomCallback, so it works whatever copy of tfjs-layers the model comes from.
 *
 * tfjs-layers reads every tensor in a hook's logs from the backend before calling a plain-object
 * hook (`resolveScalarsInLogs`): an `onBatchEnd` costs one GPU→CPU read of the loss per batch. So
 * the callback defines only the hooks its interval needs, and none that reads batch logs unless a
 * metric-driven schedule monitors a batch metric:
 * - `interval: "batch"`: `onBatchBegin` (its logs hold numbers only) takes the step owed for the
 *   previous update, and the first of this adapter's `onEpochEnd` hooks the one owed for the epoch's
 *   last update (so every callback at the epoch end sees the next update's values, in any order);
 * - `interval: "epoch"`: `onEpochEnd` only;
 * - a metric-driven schedule with `interval: "batch"`: `onBatchEnd`, which reads the monitored value.
 * The epoch logs' tensors are read once per epoch, which tfjs-layers' History does at the end of
 * `fit` anyway: the count of reads is the same as without the callback.
 */
import { InvalidOptionError, LRScheduler, StepError } from "../../index.js";
import { atBatchEnd, atEpochEnd, driverOf, setDriver, setOwedStep } from "./tracker.js";

const WHO = "lrSchedulerCallback";

/** tfjs-layers' resolved logs: metric name -> number. */
export type TfjsLogs = Record<string, number | unknown>;

export interface LRSchedulerCallbackOptions {
  /** Step the scheduler after every update (OneCycle, warmup schedules) or after every epoch. */
  interval: "batch" | "epoch";
  /**
   * For a metric-driven scheduler (ReduceLROnPlateau, withPlateau): the log entry fed to `step(metric)`.
   * Default `"val_loss"`. Batch logs carry no validation metrics, so use `"loss"` with `interval: "batch"`.
   */
  monitor?: string;
}

/** The callback object to put in `model.fit(x, y, { callbacks: [...] })`; it has only the hooks its interval needs. */
export interface LRSchedulerCallback {
  onBatchBegin?(batch: number, logs?: TfjsLogs): void;
  onBatchEnd?(batch: number, logs?: TfjsLogs): void;
  onEpochEnd(epoch: number, logs?: TfjsLogs): void;
  /**
   * Updates seen since the callback was made, across epochs (TF.js restarts its batch index every
   * epoch). Undefined with `interval: "epoch"`: that callback has no batch hook at all.
   */
  readonly globalStep: number | undefined;
  /** Epochs seen since the callback was made. */
  readonly epochsSeen: number;
}

interface Settings {
  metricDriven: boolean;
  interval: "batch" | "epoch";
  monitor: string;
}

function readOptions(scheduler: unknown, options: unknown): Settings {
  if (!(scheduler instanceof LRScheduler)) {
    throw new InvalidOptionError(WHO, "scheduler", scheduler, "a scheduler (an LRScheduler, e.g. built on tfjsOptimizer(optimizer))");
  }
  if (typeof options !== "object" || options === null) throw new InvalidOptionError(WHO, "options", options, '{ interval: "batch" | "epoch", monitor? }');
  const { interval, monitor, ...rest } = options as Partial<LRSchedulerCallbackOptions>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) throw new InvalidOptionError(WHO, unknown, (rest as Record<string, unknown>)[unknown], "one of the accepted options (interval, monitor)");
  if (interval !== "batch" && interval !== "epoch") throw new InvalidOptionError(WHO, "interval", interval, '"batch" or "epoch"');
  const metricDriven = !scheduler.isClosedForm;
  if (monitor !== undefined) {
    if (typeof monitor !== "string" || monitor === "") throw new InvalidOptionError(WHO, "monitor", monitor, 'the name of a log entry, e.g. "val_loss"');
    if (!metricDriven) {
      throw new InvalidOptionError(WHO, "monitor", monitor, `absent: ${scheduler.type} is not driven by a metric (only ReduceLROnPlateau-like schedulers are)`);
    }
  }
  const name = monitor ?? "val_loss";
  if (metricDriven && interval === "batch" && name.startsWith("val_")) {
    throw new InvalidOptionError(WHO, "monitor", monitor, 'a training metric such as "loss" with interval "batch" (batch logs carry no validation metrics)');
  }
  const driver = driverOf(scheduler.optimizer);
  if (driver?.scheduler === scheduler && driver.by === "scheduleOptimizer") {
    throw new InvalidOptionError(WHO, "scheduler", scheduler.type, "a scheduler that scheduleOptimizer does not step already (it would step twice per update)");
  }
  return { metricDriven, interval, monitor: name };
}

/** `step(metric)` with the monitored log value. @throws StepError when it is missing */
function stepWithMetric(scheduler: LRScheduler, monitor: string, logs: TfjsLogs | undefined, where: string): void {
  const value = logs?.[monitor];
  if (typeof value !== "number") {
    const have = logs ? Object.keys(logs).join(", ") || "nothing" : "nothing";
    throw new StepError(
      scheduler.type,
      scheduler.lastEpoch,
      `the monitored value "${monitor}" is not in the ${where} logs (they have: ${have}); ` +
        (monitor.startsWith("val_") ? "give fit() validationData or validationSplit, or " : "") +
        "choose another monitor",
    );
  }
  scheduler.step(value);
}

/**
 * Makes the `model.fit` callback that steps `scheduler` after each update (`interval: "batch"`) or
 * each epoch (`interval: "epoch"`). A metric-driven scheduler (ReduceLROnPlateau, withPlateau) gets
 * the monitored log value. After every epoch the lr of its last update is added to the epoch logs as
 * `lr`, so `history.history.lr` has it.
 *
 * With `interval: "batch"` the step after an update is taken at the next batch's begin (or at the
 * epoch end), which reads nothing: a callback that reads the lr in its own `onBatchBegin` must come
 * after this one in `callbacks` (or read it in `onBatchEnd`). `scheduleOptimizer` has no such rule.
 * @throws InvalidOptionError for a bad option (when made); StepError when the monitored value is missing (during fit)
 * @example
 * await model.fit(xs, ys, { epochs: 5, callbacks: [lrSchedulerCallback(scheduler, { interval: "batch" })] });
 */
export function lrSchedulerCallback(scheduler: LRScheduler, options: LRSchedulerCallbackOptions): LRSchedulerCallback {
  const { metricDriven, interval, monitor } = readOptions(scheduler, options);
  const optimizer = scheduler.optimizer;
  if (!metricDriven) setDriver(optimizer, { scheduler, by: WHO });
  let globalStep = 0;
  let epochsSeen = 0;
  let owed = false;
  const takeOwed = () => {
    if (!owed) return;
    owed = false;
    scheduler.step();
  };

  const epochEnd = (step: (logs: TfjsLogs | undefined) => void) => (_epoch: number, logs?: TfjsLogs) => {
    const lr = atEpochEnd(optimizer, logs);
    epochsSeen += 1;
    step(logs);
    if (logs) logs.lr = lr;
  };
  const withStats = (hooks: object): LRSchedulerCallback =>
    Object.defineProperties(hooks, {
      globalStep: { get: () => (interval === "batch" ? globalStep : undefined), enumerable: true },
      epochsSeen: { get: () => epochsSeen, enumerable: true },
    }) as LRSchedulerCallback;

  if (metricDriven && interval === "batch") {
    return withStats({
      onBatchEnd(_batch: number, logs?: TfjsLogs) {
        atBatchEnd(optimizer, logs);
        globalStep += 1;
        stepWithMetric(scheduler, monitor, logs, "batch");
      },
      onEpochEnd: epochEnd(() => {}),
    });
  }
  if (metricDriven) {
    return withStats({ onEpochEnd: epochEnd((logs) => stepWithMetric(scheduler, monitor, logs, "epoch")) });
  }
  if (interval === "epoch") {
    return withStats({ onEpochEnd: epochEnd(() => scheduler.step()) });
  }
  setOwedStep(scheduler, takeOwed);
  return withStats({
    onBatchBegin() {
      takeOwed();
      globalStep += 1;
      owed = true;
    },
    onEpochEnd: epochEnd(takeOwed),
  });
}
