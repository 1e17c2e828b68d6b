/**
 * Scheduler state saved with the model, through TF.js' own model artifacts: the state dicts go into
 * the model's user-defined metadata (`model.setUserDefinedMetadata`), which `model.save(...)` writes
 * beside the topology and weights with any `tf.io` handler (`file://` with tfjs-node,
 * `indexeddb://`, `localstorage://`, `downloads://`, `http://`, a custom one), and which
 * `tf.loadLayersModel(...)` gives back (`model.getUserDefinedMetadata()`).
 */
import { InvalidOptionError, InvalidStateDictError, LRScheduler } from "../../index.js";
import { ReduceLROnPlateauCallback, bindModel } from "./keras-callbacks.js";
import { takeOwedStep } from "./tracker.js";

/** The metadata key the state is kept under; other keys of the model's metadata are left as they are. */
export const SCHEDULER_METADATA_KEY = "lrSchedulers";
const FORMAT = "lr-schedulers/tfjs";

/** What has a state to save: a scheduler, or a `reduceLROnPlateau()` callback. */
export type SchedulerStateful = LRScheduler | ReduceLROnPlateauCallback;

/** The part of a `tf.LayersModel` this uses (any copy of tfjs-layers). */
export interface ModelWithMetadata {
  getUserDefinedMetadata(): object | undefined;
  setUserDefinedMetadata(metadata: object): void;
}

interface SavedState {
  format: typeof FORMAT;
  version: 1;
  types: string[];
  schedulers: unknown[];
}

function checkModel(who: string, model: unknown): asserts model is ModelWithMetadata {
  const m = model as ModelWithMetadata | null;
  if (typeof m?.getUserDefinedMetadata !== "function" || typeof m.setUserDefinedMetadata !== "function") {
    throw new InvalidOptionError(who, "model", model, "a tf.LayersModel (with getUserDefinedMetadata and setUserDefinedMetadata)");
  }
}

function checkStateful(who: string, list: readonly unknown[]): asserts list is SchedulerStateful[] {
  if (list.length === 0) throw new InvalidOptionError(who, "schedulers", list, "at least one scheduler");
  list.forEach((s, i) => {
    if (!(s instanceof LRScheduler) && !(s instanceof ReduceLROnPlateauCallback)) {
      throw new InvalidOptionError(who, `schedulers[${i}]`, s, "a scheduler (an LRScheduler) or a reduceLROnPlateau() callback");
    }
  });
}

const typeOf = (s: SchedulerStateful): string => (s instanceof LRScheduler ? s.type : (s.scheduler?.type ?? "reduceLROnPlateau"));

/**
 * Puts the schedulers' state into the model's user-defined metadata, for `model.save(...)` to write.
 * Call it right before saving (a step a callback owes for the latest update is taken first).
 * @throws InvalidOptionError for a non-model, no scheduler, or a reduceLROnPlateau callback that has not seen the model yet
 * @example
 * saveSchedulerState(model, scheduler, plateau);
 * await model.save("indexeddb://my-model", { includeOptimizer: true });
 */
export function saveSchedulerState(model: ModelWithMetadata, ...schedulers: SchedulerStateful[]): void {
  const who = "saveSchedulerState";
  checkModel(who, model);
  checkStateful(who, schedulers);
  const dicts = schedulers.map((s, i) => {
    if (s instanceof LRScheduler) {
      takeOwedStep(s);
      return s.stateDict();
    }
    const dict = s.stateDict();
    if (dict === undefined) throw new InvalidOptionError(who, `schedulers[${i}]`, "reduceLROnPlateau", "a callback that has seen the model (after fit(), or after callback.setModel(model))");
    return dict;
  });
  const saved: SavedState = { format: FORMAT, version: 1, types: schedulers.map(typeOf), schedulers: JSON.parse(JSON.stringify(dicts)) as unknown[] };
  model.setUserDefinedMetadata({ ...(model.getUserDefinedMetadata() ?? {}), [SCHEDULER_METADATA_KEY]: saved });
}

function readSaved(model: ModelWithMetadata, count: number): SavedState {
  const who = "restoreSchedulerState";
  const saved = (model.getUserDefinedMetadata() as Record<string, unknown> | undefined)?.[SCHEDULER_METADATA_KEY] as Partial<SavedState> | undefined;
  if (typeof saved !== "object" || saved === null) {
    throw new InvalidStateDictError(who, `userDefinedMetadata.${SCHEDULER_METADATA_KEY}`, saved, "the state saveSchedulerState(model, ...) put there before model.save()");
  }
  if (saved.format !== FORMAT || saved.version !== 1) throw new InvalidStateDictError(who, `${SCHEDULER_METADATA_KEY}.format`, saved.format, `"${FORMAT}" version 1`);
  if (!Array.isArray(saved.schedulers) || saved.schedulers.length !== count) {
    throw new InvalidStateDictError(who, `${SCHEDULER_METADATA_KEY}.schedulers`, saved.schedulers, `a list of ${count} state dicts (one per scheduler given, in the order they were saved${Array.isArray(saved.types) ? `: ${saved.types.join(", ")}` : ""})`);
  }
  return saved as SavedState;
}

/**
 * Restores the schedulers' state from a loaded model's metadata, in the order they were given to
 * `saveSchedulerState`. Build the schedulers on the loaded model's optimizer
 * (`tfjsOptimizer(model.optimizer)`) and hook them in (`scheduleOptimizer`) first. Metric-driven ones
 * are restored before the others, so that the optimizer ends with the values of the resumed step.
 * All or nothing: when one state is refused, those already restored are put back as they were.
 * @throws InvalidStateDictError when the metadata holds no state, another count, or a state a scheduler refuses
 * @example
 * const model = await tf.loadLayersModel("indexeddb://my-model");
 * const scheduler = createScheduler(tfjsOptimizer(model.optimizer!), sameConfig);
 * scheduleOptimizer(model.optimizer!, scheduler);
 * restoreSchedulerState(model, scheduler, plateau);
 */
export function restoreSchedulerState(model: ModelWithMetadata, ...schedulers: SchedulerStateful[]): void {
  checkModel("restoreSchedulerState", model);
  checkStateful("restoreSchedulerState", schedulers);
  const saved = readSaved(model, schedulers.length);
  // A reduceLROnPlateau callback makes its scheduler now, on this model, on top of a schedule given beside it.
  for (const s of schedulers) {
    if (s instanceof ReduceLROnPlateauCallback) bindModel(s, model, schedulers.filter((o): o is LRScheduler => o instanceof LRScheduler && o.isClosedForm));
  }
  const schedulerOf = (s: SchedulerStateful): LRScheduler => (s instanceof LRScheduler ? s : s.scheduler!);
  const order = schedulers.map((s, i) => i).sort((a, b) => Number(schedulerOf(schedulers[a]!).isClosedForm) - Number(schedulerOf(schedulers[b]!).isClosedForm));
  const before = order.map((i) => schedulerOf(schedulers[i]!).stateDict());
  const done: number[] = [];
  try {
    for (const i of order) {
      schedulerOf(schedulers[i]!).loadStateDict(saved.schedulers[i]);
      done.push(i);
    }
  } catch (error) {
    done.forEach((i, k) => schedulerOf(schedulers[i]!).loadStateDict(before[k]));
    throw error;
  }
}
