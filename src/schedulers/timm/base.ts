/**
 * What every timm scheduler shares: its time and its two calls. timm keeps no step counter: the
 * training loop passes the time on every call, `step(epoch, metric)` at each epoch's end and
 * `stepUpdate(numUpdates, metric)` after each optimizer update, and `t_in_epochs` picks the call that
 * sets the lr (the other one only records the metric). The lr is a function of the time passed, so
 * calls may jump or go back. Here that time is the engine's counter (`timmTime`: `step(x)` moves it
 * to x), and each class is the `defineSchedule` class with timm's two calls on top.
 */
import type { Counter } from "../../core/counter.js";
import { defineSchedule, type ScheduleClass } from "../../core/define.js";
import type { LRScheduler, LoadStateDictOptions } from "../../core/engine.js";
import { InvalidStateDictError, StepError, describeValue } from "../../core/errors.js";
import { decodeNumber, encodeNumber } from "../../core/json.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { OptionFields, OptionsOf } from "../../core/options.js";
import type { ScheduleDefinition } from "../../core/schedule.js";
import { isOwnStateDict, type SchedulerStateDict } from "../../core/state.js";

/**
 * timm's time as a counter: it starts at 0 (nothing has been stepped), construction writes the
 * form's `beforeStart` values, and `step(x)` sets the time to x (any finite number, backwards too);
 * `step()` without an argument moves to the time after the last one.
 */
export const timmTime: Counter = {
  start: () => 0,
  fresh: () => true,
  writesAtStart: "never",
  argument: "to",
  argumentName: "time",
  integer: false,
  min: -Number.MAX_SAFE_INTEGER,
};

/** A timm scheduler: the engine with timm's `step(epoch, metric)` and `stepUpdate(numUpdates, metric)`. */
export interface TimmScheduler<O extends object = Record<string, unknown>> extends LRScheduler<O> {
  /**
   * timm's `step(epoch, metric=None)`, called at the end of each epoch with the next epoch's index
   * (timm's train.py passes `epoch + 1`). With `t_in_epochs` (the default) it writes the lrs for
   * time `epoch`; otherwise it only records the metric. PlateauLRScheduler steps its plateau rule
   * with the metric. Without `epoch`, the time after the last one.
   */
  step(epoch?: number, metric?: number | null): void;
  /** timm's `step_update(num_updates, metric=None)`, called after each optimizer update: writes the lrs for time `numUpdates` when `t_in_epochs` is false, else only records the metric. PlateauLRScheduler ignores it. */
  stepUpdate(numUpdates?: number, metric?: number | null): void;
  /** The metric of the last call (timm's `scheduler.metric`); nothing reads it. Always null for PlateauLRScheduler, whose `step` does not record it. */
  readonly metric: number | null;
  /** The epoch count `createSchedulerV2` computed for this scheduler (its second return value); undefined for a scheduler built otherwise. */
  readonly numEpochs: number | undefined;
}

/** A timm scheduler class. */
export type TimmClass<F extends OptionFields, T extends string = string> = ScheduleClass<F, TimmScheduler<OptionsOf<F>>, T, "timm">;

const factoryEpochs = /* @__PURE__ */ new WeakMap<object, number>();

/** Records the epoch count `createSchedulerV2` returned with `scheduler`, readable as `scheduler.numEpochs`. */
export function recordNumEpochs(scheduler: object, numEpochs: number): void {
  factoryEpochs.set(scheduler, numEpochs);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function metricOf(scheduler: LRScheduler, metric: unknown): number | null {
  if (metric === undefined || metric === null) return null;
  if (typeof metric === "number") return metric;
  throw new StepError(scheduler.type, scheduler.lastEpoch, `the metric must be a number or null; got ${describeValue(metric)}`);
}

/**
 * The scheduler class of a timm schedule: `defineSchedule(definition)` with timm's calls. A
 * metric-driven definition (PlateauLRScheduler) steps its plateau rule in `step(epoch, metric)` and
 * ignores `stepUpdate`.
 */
export function timmClass<F extends OptionFields, T extends string>(definition: ScheduleDefinition<F, T, "timm">): TimmClass<F, T> {
  const Defined = defineSchedule(definition) as unknown as new (optimizer: Optimizer, options?: unknown) => LRScheduler<OptionsOf<F>>;
  class TimmLRScheduler extends Defined implements TimmScheduler<OptionsOf<F>> {
    #metric: number | null = null;

    get metric(): number | null {
      return this.#metric;
    }

    get numEpochs(): number | undefined {
      return factoryEpochs.get(this);
    }

    get #tInEpochs(): boolean {
      return (this.options as { tInEpochs?: boolean }).tInEpochs !== false;
    }

    override step(epoch?: number, metric?: number | null): void {
      // The engine's metric step takes (metric, epoch); timm's call is (epoch, metric).
      if (!this.isClosedForm) return super.step(metric ?? undefined, epoch);
      const value = metricOf(this, metric);
      if (this.#tInEpochs) super.step(epoch);
      this.#metric = value;
    }

    stepUpdate(numUpdates?: number, metric?: number | null): void {
      if (!this.isClosedForm) return;
      const value = metricOf(this, metric);
      if (!this.#tInEpochs) super.step(numUpdates);
      this.#metric = value;
    }

    override stateDict(): SchedulerStateDict {
      const dict = super.stateDict();
      if (this.isClosedForm && this.#metric !== null) dict.extra = { metric: encodeNumber(this.#metric) };
      // PlateauLRScheduler's warmup writes absolute lrs (0 at a warmup_lr_init of 0), so the engine's
      // product of cuts (`scale`, for chains, which refuse this schedule) can be 0, which a load refuses.
      if (!this.isClosedForm) delete dict.scale;
      return dict;
    }

    override loadStateDict(stateDict: unknown, options?: LoadStateDictOptions): void {
      const metric = this.#loadedMetric(stateDict);
      super.loadStateDict(this.isClosedForm ? stateDict : withLastLr(this, stateDict), options);
      this.#metric = metric;
    }

    /** The metric a load restores: ours keeps it in `extra.metric`, timm's dict under `metric` (absent: unchanged). */
    #loadedMetric(stateDict: unknown): number | null {
      if (!this.isClosedForm || !isRecord(stateDict)) return this.#metric;
      const own = isOwnStateDict(stateDict);
      const extra = stateDict.extra;
      const raw = own ? (isRecord(extra) ? extra.metric : null) : "metric" in stateDict ? stateDict.metric : this.#metric;
      if (raw === null || raw === undefined) return null;
      const value = decodeNumber(raw);
      if (value === undefined) throw new InvalidStateDictError(this.type, own ? "extra.metric" : "metric", raw, "a number or null (the last metric)");
      return value;
    }
  }
  Object.defineProperty(TimmLRScheduler, "name", { value: definition.type });
  return TimmLRScheduler as unknown as TimmClass<F, T>;
}

/**
 * timm's PlateauLRScheduler dict is `{best, last_epoch}`: it has no lrs, and its load writes none.
 * The engine asks a metric-driven reference dict for the lrs to keep (`_last_lr`); they are the
 * groups' own, which the load leaves as they are.
 */
function withLastLr(scheduler: LRScheduler, stateDict: unknown): unknown {
  if (!isRecord(stateDict) || isOwnStateDict(stateDict) || "_last_lr" in stateDict) return stateDict;
  return { ...stateDict, _last_lr: scheduler.optimizer.paramGroups.map((g) => g.lr) };
}
