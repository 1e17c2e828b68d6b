/**
 * `scheduleOptimizer(optimizer, scheduler)`: the scheduler steps inside the TF.js optimizer's own
 * `applyGradients`, right after each update, so every way of training (`model.fit`, `fitDataset`,
 * `optimizer.minimize`, a custom loop) follows the schedule with no callback, and nothing is read
 * from the backend: a step is arithmetic on numbers and a write of the optimizer's hyper-parameters.
 */
import { InvalidOptionError, InvalidOptimizerError, LRScheduler } from "../../index.js";
import { tfjsOptimizer, type TfjsOptimizerLike } from "./optimizer.js";
import { driverOf, recordUpdate, setDriver, stopRecording } from "./tracker.js";

const WHO = "scheduleOptimizer";

/** The handle `scheduleOptimizer` returns. */
export interface ScheduledOptimizer {
  /** The TF.js optimizer whose updates step the scheduler. */
  readonly optimizer: TfjsOptimizerLike;
  readonly scheduler: LRScheduler;
  /** Updates made since it was attached. */
  readonly updates: number;
  /** The lr the latest update used (NaN before the first). */
  readonly lastUpdateLr: number;
  /** Whether the hook is still in place. */
  readonly attached: boolean;
  /**
   * Takes the hook off: the optimizer's `applyGradients` is its own again and the scheduler no longer
   * steps. The lr stays as the scheduler last wrote it (the value for the next update).
   */
  detach(): void;
}

type ApplyGradients = (...args: unknown[]) => unknown;

function check(optimizer: unknown, scheduler: unknown): asserts optimizer is TfjsOptimizerLike {
  if (!(scheduler instanceof LRScheduler)) throw new InvalidOptionError(WHO, "scheduler", scheduler, "a scheduler (an LRScheduler) built on tfjsOptimizer(optimizer)");
  const view = tfjsOptimizer(optimizer as TfjsOptimizerLike);
  if (scheduler.optimizer !== view) {
    throw new InvalidOptionError(WHO, "scheduler", scheduler.type, "a scheduler built on tfjsOptimizer(optimizer) for this very optimizer (it steps with this optimizer's updates)");
  }
  if (!scheduler.isClosedForm) {
    throw new InvalidOptionError(
      WHO,
      "scheduler",
      scheduler.type,
      "a schedule with a closed form over updates; a metric-driven one (ReduceLROnPlateau) needs the metric at each epoch end: use reduceLROnPlateau() or lrSchedulerCallback(scheduler, { interval: \"epoch\" })",
    );
  }
  const driver = driverOf(view);
  if (driver?.by === WHO) {
    throw new InvalidOptimizerError(WHO, "applyGradients", driver.scheduler.type, `an optimizer without a schedule hooked in already (detach() the ${driver.scheduler.type} hook first, or compose the schedules into one)`);
  }
  if (driver?.scheduler === scheduler) {
    throw new InvalidOptionError(WHO, "scheduler", scheduler.type, "a scheduler that no lrSchedulerCallback steps too (it would step twice per update)");
  }
}

/**
 * Steps `scheduler` inside `optimizer.applyGradients`, after each update. The convention is
 * PyTorch's "step after the update": the update that comes after k steps uses what the schedule
 * wrote at its k-th step, and between updates the optimizer already holds the next update's values.
 * For a Keras or optax schedule (`stepCounts`, count 0 written at construction) that is exactly
 * Keras' convention: update k (from 0) uses the schedule's value at count k.
 * @throws InvalidOptimizerError for a non-TF.js optimizer or one with a hook already; InvalidOptionError for a scheduler of another optimizer or a metric-driven one
 * @example
 * const optimizer = tf.train.sgd(0.1);
 * model.compile({ optimizer, loss: "meanSquaredError" });
 * const hook = scheduleOptimizer(optimizer, new OneCycleLR(tfjsOptimizer(optimizer), { maxLr: 0.1, totalSteps: 1000 }));
 * await model.fit(xs, ys, { epochs: 10 }); // no callback: every update steps the schedule
 * hook.detach();
 */
export function scheduleOptimizer(optimizer: TfjsOptimizerLike, scheduler: LRScheduler): ScheduledOptimizer {
  check(optimizer, scheduler);
  const view = tfjsOptimizer(optimizer);
  const target = optimizer as unknown as { applyGradients: ApplyGradients };
  const own = Object.getOwnPropertyDescriptor(target, "applyGradients");
  const previous = target.applyGradients;
  let attached = true;
  let updates = 0;
  let lastUpdateLr = NaN;

  const hooked: ApplyGradients = function (this: unknown, ...args) {
    if (!attached) return previous.apply(this, args);
    lastUpdateLr = view.paramGroups[0]!.lr;
    recordUpdate(view);
    const result = previous.apply(this, args);
    updates += 1;
    scheduler.step();
    return result;
  };
  Object.defineProperty(target, "applyGradients", { value: hooked, configurable: true, writable: true, enumerable: false });
  setDriver(view, { scheduler, by: WHO });

  return {
    optimizer,
    scheduler,
    get updates() {
      return updates;
    },
    get lastUpdateLr() {
      return lastUpdateLr;
    },
    get attached() {
      return attached;
    },
    detach() {
      if (!attached) return;
      attached = false;
      // Another wrapper put on top of this one keeps calling it; it now passes straight through.
      if (target.applyGradients === hooked) {
        if (own) Object.defineProperty(target, "applyGradients", own);
        else delete (target as { applyGradients?: ApplyGradients }).applyGradients;
      }
      if (driverOf(view)?.scheduler === scheduler) setDriver(view, undefined);
      stopRecording(view);
    },
  };
}
