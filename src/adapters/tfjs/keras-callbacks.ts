/**
 * Keras' learning-rate callbacks for TF.js `model.fit`, under Keras' names and options, on the
 * model's own optimizer (`model.optimizer`, no wrapper): `reduceLROnPlateau({...})` is
 * `keras.callbacks.ReduceLROnPlateau` (this library's `keras.ReduceLROnPlateau`, the same numbers),
 * `learningRateScheduler((epoch, lr) => newLr)` is `keras.callbacks.LearningRateScheduler`. Both add
 * `lr` to the epoch logs, as tf.keras does, so `history.history.lr` has it.
 *
 * They are `tf.Callback`s, like `tf.callbacks.earlyStopping()`: TF.js gives the model to a callback
 * only when it is a `tf.Callback` and the first element of `callbacks` is one too.
 */
import { Callback } from "@tensorflow/tfjs";
import * as z from "zod/mini";
import { InvalidOptionError, InvalidOptimizerError, LRScheduler, StepError, createScheduler, type SchedulerStateDict } from "../../index.js";
import { defineSchedule, type SchedulerOptions } from "../../extend.js";
// Public exports, from their own modules: through src/index.ts the declaration bundler splits them into chunks that import each other.
import type { Spelled } from "../../config-types.js";
import { KerasReduceLROnPlateau } from "../../schedulers/keras/reduce-lr-on-plateau.js";
import { tfjsOptimizer, type TfjsOptimizer, type TfjsOptimizerLike } from "./optimizer.js";
import { atEpochEnd, driverOf } from "./tracker.js";

type Model = Callback["model"];
type LogValue = number | { data(): Promise<ArrayLike<number>>; dispose(): void };
/** tfjs-layers' logs: numbers, or scalar tensors not yet read (a `tf.Callback` gets them as they are). */
export type UnresolvedLogs = Record<string, LogValue | unknown>;

const keras = KerasReduceLROnPlateau.definition;
/** Keras' keywords under either spelling: `min_lr` or `minLr`. */
type KerasReduceLROnPlateauOptions = Spelled<SchedulerOptions<typeof KerasReduceLROnPlateau>>;

/**
 * Keras' plateau rule whose cuts multiply what a schedule writes at its own steps (as `withPlateau`
 * does with PyTorch's rule): what `reduceLROnPlateau` builds when a schedule already steps with the
 * optimizer's updates.
 */
const KerasPlateauOnSchedule = /* @__PURE__ */ defineSchedule({
  ...keras,
  type: "tfjs.ReduceLROnPlateauOnSchedule",
  family: "tfjs",
  options: () => ({
    schedule: z.custom<LRScheduler>((v) => v instanceof LRScheduler && v.isClosedForm, { error: "a closed-form scheduler of the same optimizer" }),
    ...keras.options(),
  }),
  childOptions: ["schedule"],
  multiplies: (o) => o.schedule,
  build: (o, context) => keras.build(o, context),
});

const bind: unique symbol = Symbol("bindModel");

/** Gives a reduceLROnPlateau callback its model before fit (restoreSchedulerState), with the schedules restored beside it. */
export function bindModel(callback: ReduceLROnPlateauCallback, model: unknown, candidates: readonly LRScheduler[]): void {
  callback[bind](model, candidates);
}

const isTensorLike = (v: unknown): v is Exclude<LogValue, number> =>
  typeof v === "object" && v !== null && typeof (v as { data?: unknown }).data === "function" && typeof (v as { dispose?: unknown }).dispose === "function";

/**
 * The monitored value as a number. A `tf.Callback` gets the logs' tensors unread: the monitored one
 * is read here and replaced by its number (History then has nothing left to read for it), so the
 * count of reads is the same as without the callback.
 */
async function monitored(logs: UnresolvedLogs | undefined, key: string): Promise<number | undefined> {
  const value = logs?.[key];
  if (typeof value === "number") return value;
  if (!isTensorLike(value)) return undefined;
  const number = (await value.data())[0]!;
  logs![key] = number;
  value.dispose();
  return number;
}

/** The shared part: the model TF.js gives (any copy of tfjs-layers), its optimizer as our view, bound hooks. */
abstract class KerasStyleCallback extends Callback {
  protected abstract readonly who: string;

  constructor() {
    super();
    // tfjs-layers calls a plain-object callback's hooks unbound (when a plain object comes first in `callbacks`).
    this.onTrainBegin = this.onTrainBegin.bind(this);
    this.onEpochBegin = this.onEpochBegin.bind(this);
    this.onEpochEnd = this.onEpochEnd.bind(this);
  }

  /** Keeps the model, whatever copy of tfjs-layers it comes from (tf.Callback checks its own copy's class). */
  override setModel(model: Parameters<Callback["setModel"]>[0]): void {
    this.model = model as Model;
  }

  /** The optimizer of the model being trained, as our optimizer view. */
  protected view(): TfjsOptimizer {
    const model = this.model as Model | null;
    if (model === null || model === undefined) {
      throw new InvalidOptionError(
        this.who,
        "model",
        model,
        "the model being trained: TF.js gives it only to tf.Callback objects in a callbacks list whose first element is a tf.Callback " +
          "(put this callback first and wrap plain-object callbacks in new tf.CustomCallback({...}), or call callback.setModel(model) before fit)",
      );
    }
    const optimizer = (model as unknown as { optimizer?: TfjsOptimizerLike }).optimizer;
    if (optimizer === undefined || optimizer === null) throw new InvalidOptimizerError(this.who, "model.optimizer", optimizer, "a tf.train optimizer (compile the model first)");
    return tfjsOptimizer(optimizer);
  }
}

/** `keras.callbacks.ReduceLROnPlateau`'s keywords (camelCase or Keras' snake_case), plus the schedule its cuts multiply. */
export type ReduceLROnPlateauOptions = KerasReduceLROnPlateauOptions & {
  /**
   * A schedule stepped with every update (OneCycleLR, CosineDecay, ...) whose values the cuts
   * multiply. Found by itself when scheduleOptimizer or lrSchedulerCallback steps it.
   */
  schedule?: LRScheduler;
};

/** The callback `reduceLROnPlateau()` makes; `scheduler` is the library scheduler it steps (made once the model is known). */
export class ReduceLROnPlateauCallback extends KerasStyleCallback {
  protected readonly who = "reduceLROnPlateau";
  readonly #params: KerasReduceLROnPlateauOptions;
  readonly #schedule: LRScheduler | undefined;
  #scheduler: LRScheduler | undefined;
  #pending: unknown;

  constructor(options: ReduceLROnPlateauOptions = {}) {
    super();
    if (typeof options !== "object" || options === null) throw new InvalidOptionError(this.who, "options", options, "Keras' ReduceLROnPlateau keywords, e.g. { monitor: \"val_loss\", factor: 0.5, patience: 3 }");
    const { schedule, ...params } = options;
    if (schedule !== undefined && !(schedule instanceof LRScheduler && schedule.isClosedForm)) {
      throw new InvalidOptionError(this.who, "schedule", schedule, "a scheduler with a closed form (the per-update schedule whose values the cuts multiply)");
    }
    // Options are checked now, on a stand-in optimizer, rather than at the first epoch end.
    new KerasReduceLROnPlateau({ paramGroups: [{ lr: 1 }] }, params as SchedulerOptions<typeof KerasReduceLROnPlateau>);
    this.#params = params;
    this.#schedule = schedule;
  }

  /** The library scheduler this callback steps (`keras.ReduceLROnPlateau`, or Keras' rule on top of the per-update schedule); undefined until the model is known. */
  get scheduler(): LRScheduler | undefined {
    return this.#scheduler;
  }

  override setModel(model: Parameters<Callback["setModel"]>[0]): void {
    super.setModel(model);
    this.#ensure();
  }

  /** setModel, with the schedules restored beside it as candidates for the one the cuts multiply. */
  [bind](model: unknown, candidates: readonly LRScheduler[]): void {
    super.setModel(model as Parameters<Callback["setModel"]>[0]);
    this.#ensure(candidates);
  }

  /** The plateau's state (Keras has none to save; this one resumes exactly). */
  stateDict(): SchedulerStateDict | undefined {
    return this.#scheduler?.stateDict() ?? (this.#pending as SchedulerStateDict | undefined);
  }

  /** Restores a saved state now, or when the model is known. */
  loadStateDict(state: unknown): void {
    if (this.#scheduler) this.#scheduler.loadStateDict(state);
    else this.#pending = state;
  }

  #ensure(candidates: readonly LRScheduler[] = []): LRScheduler {
    const view = this.view();
    if (this.#scheduler?.optimizer === view) return this.#scheduler;
    const schedule = this.#schedule ?? driverOf(view)?.scheduler ?? candidates.find((c) => c.optimizer === view);
    if (schedule !== undefined && schedule.optimizer !== view) {
      throw new InvalidOptionError(this.who, "schedule", schedule.type, "a scheduler of the model's optimizer (built on tfjsOptimizer(model.optimizer))");
    }
    const scheduler: LRScheduler = schedule
      ? new KerasPlateauOnSchedule(view, { ...(this.#params as SchedulerOptions<typeof KerasReduceLROnPlateau>), schedule })
      : createScheduler(view, { type: "keras.ReduceLROnPlateau", params: this.#params });
    if (this.#pending !== undefined) {
      scheduler.loadStateDict(this.#pending);
      this.#pending = undefined;
    }
    this.#scheduler = scheduler;
    return scheduler;
  }

  override async onTrainBegin(): Promise<void> {
    this.#ensure();
  }

  override async onEpochEnd(epoch: number, logs?: UnresolvedLogs): Promise<void> {
    const scheduler = this.#ensure();
    const group = scheduler.optimizer.paramGroups[0]!;
    const lr = atEpochEnd(scheduler.optimizer, logs);
    const current = await monitored(logs, scheduler.options.monitor as string);
    const before = group.lr;
    scheduler.step(current as number);
    if (Number(scheduler.options.verbose) > 0 && group.lr !== before) console.log(`\nEpoch ${epoch + 1}: ReduceLROnPlateau reducing learning rate to ${group.lr}.`);
    if (logs) logs.lr = lr;
  }
}

/**
 * Keras' `ReduceLROnPlateau` callback: once the monitored value (default `val_loss`) has not improved
 * by more than `minDelta` for `patience` epochs, the lr of `model.optimizer` becomes
 * `max(lr * factor, minLr)` and `cooldown` starts: Keras' rule, number for number. Adds `lr` to the
 * epoch logs (the lr of the epoch's last update, before the epoch's cut), as tf.keras does.
 * With a schedule stepped every update (scheduleOptimizer, lrSchedulerCallback) the cuts multiply
 * the schedule's values, as `withPlateau` does. Unlike Keras, its state is not reset at the start of
 * each `fit()`: one epoch per `fit()` call and a resumed run behave as one long fit.
 * @throws InvalidOptionError for an option Keras refuses (factor >= 1, ...), when made
 * @example
 * await model.fit(xs, ys, { epochs: 50, validationSplit: 0.2, callbacks: [reduceLROnPlateau({ monitor: "val_loss", factor: 0.5, patience: 3, minLr: 1e-5 })] });
 */
export function reduceLROnPlateau(options: ReduceLROnPlateauOptions = {}): ReduceLROnPlateauCallback {
  return new ReduceLROnPlateauCallback(options);
}

/** Keras' schedule function: the epoch (from 0) and the current lr give the epoch's lr. */
export type LearningRateSchedule = (epoch: number, lr: number) => number;

/** The callback `learningRateScheduler()` makes. */
export class LearningRateSchedulerCallback extends KerasStyleCallback {
  protected readonly who = "learningRateScheduler";
  readonly #schedule: LearningRateSchedule;
  readonly #verbose: number;

  constructor(schedule: LearningRateSchedule, options: { verbose?: number | boolean } = {}) {
    super();
    if (typeof schedule !== "function") throw new InvalidOptionError(this.who, "schedule", schedule, "a function (epoch, lr) => lr");
    const { verbose = 0, ...rest } = options ?? {};
    const unknown = Object.keys(rest)[0];
    if (unknown !== undefined) throw new InvalidOptionError(this.who, unknown, (rest as Record<string, unknown>)[unknown], "absent (learningRateScheduler takes only verbose)", "unknown-option");
    if (typeof verbose !== "boolean" && !(typeof verbose === "number" && Number.isFinite(verbose))) throw new InvalidOptionError(this.who, "verbose", verbose, "a number or a boolean");
    this.#schedule = schedule;
    this.#verbose = Number(verbose);
  }

  override async onTrainBegin(): Promise<void> {
    const driver = driverOf(this.view());
    if (driver) {
      throw new InvalidOptionError(this.who, "model.optimizer", driver.scheduler.type, `an optimizer whose lr no schedule writes at every update (${driver.by} steps ${driver.scheduler.type} on it, and would overwrite this lr)`);
    }
  }

  override async onEpochBegin(epoch: number): Promise<void> {
    const group = this.view().paramGroups[0]!;
    const lr: unknown = this.#schedule(epoch, group.lr);
    if (typeof lr !== "number" || !Number.isFinite(lr)) {
      const tensor = isTensorLike(lr) ? " (a tensor was returned: return a number)" : "";
      throw new StepError(this.who, epoch, `the schedule function must return a finite number${tensor}; got ${typeof lr === "number" ? String(lr) : typeof lr}; the lr is unchanged`);
    }
    group.lr = lr;
    if (this.#verbose > 0) console.log(`\nEpoch ${epoch + 1}: LearningRateScheduler setting learning rate to ${lr}.`);
  }

  override async onEpochEnd(_epoch: number, logs?: UnresolvedLogs): Promise<void> {
    const lr = atEpochEnd(this.view(), logs);
    if (logs) logs.lr = lr;
  }
}

/**
 * Keras' `LearningRateScheduler` callback: at each epoch's start, `schedule(epoch, lr)` (epoch from
 * 0, lr the optimizer's current one) becomes the lr of `model.optimizer`. Adds `lr` to the epoch logs.
 * @throws StepError during fit when the function returns anything but a finite number
 * @example
 * const decay = learningRateScheduler((epoch, lr) => (epoch < 10 ? lr : lr * Math.exp(-0.1)));
 * await model.fit(xs, ys, { epochs: 15, callbacks: [decay] });
 */
export function learningRateScheduler(schedule: LearningRateSchedule, options: { verbose?: number | boolean } = {}): LearningRateSchedulerCallback {
  return new LearningRateSchedulerCallback(schedule, options);
}
