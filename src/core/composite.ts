/**
 * Schedulers built from other schedulers (SequentialLR, ChainedScheduler, WithWarmup, ...): the
 * sub-schedulers live in the options, are built on the same optimizer, are evaluated through their
 * closed forms (`scheduleAt`; in `step()`, `sharedScheduleAt` once per step and `scheduleWithShared`
 * per group), and are saved and restored as nested state dicts.
 */
import * as z from "zod/mini";
import { InvalidOptionError, InvalidStateDictError, StateDictMismatchError } from "./errors.js";
import type { Optimizer } from "./optimizer.js";
import type { BuildScheduler } from "./registry.js";
import { LRScheduler, type RestoredState } from "./scheduler.js";
import { StateReader, type SchedulerStateDict } from "./state.js";

/** An option holding one scheduler instance. */
export const schedulerInstance = () =>
  z.custom<LRScheduler>((v) => v instanceof LRScheduler, { error: "a scheduler (an LRScheduler instance)" });

/** An option holding a non-empty list of scheduler instances. */
export const schedulerList = () =>
  z.custom<LRScheduler[]>((v) => Array.isArray(v) && v.length > 0 && v.every((s) => s instanceof LRScheduler), {
    error: "a non-empty list of schedulers",
  });

/**
 * Scratch for a composite's `sharedAt`, which computes every group's lr at once (each child's shared
 * part once, the per-group arithmetic in one loop, inlined once) and returns 0: [step, lr of group 0,
 * ..., lr of group n-1], the step NaN until filled. `lrWithShared` reads it when its step matches and
 * falls back to `lrAt` otherwise (a sub-scheduler under two parents may have been evaluated at
 * another step since). Lives in `resolved` because the base constructor steps before subclass fields exist.
 */
export function stepLrs(optimizer: Optimizer): Float64Array {
  const lrs = new Float64Array(optimizer.paramGroups.length + 1);
  lrs[0] = NaN;
  return lrs;
}

const isScheduler = (v: unknown): v is LRScheduler => v instanceof LRScheduler;
const holdsSchedulers = (v: unknown) => isScheduler(v) || (Array.isArray(v) && v.length > 0 && v.every(isScheduler));

type GroupSnapshot = Record<string, unknown>[];

function snapshotGroups(optimizer: Optimizer): GroupSnapshot {
  return optimizer.paramGroups.map((g) => {
    const copy: Record<string, unknown> = { ...g };
    if (Array.isArray(g.betas)) copy.betas = [...g.betas];
    return copy;
  });
}

/** Puts every group back as it was: keys added since are removed, values (and betas entries, in place) restored. */
function restoreGroups(optimizer: Optimizer, snapshot: GroupSnapshot): void {
  optimizer.paramGroups.forEach((group, i) => {
    const saved = snapshot[i]!;
    const g = group as Record<string, unknown>;
    for (const key of Object.keys(g)) if (!Object.prototype.hasOwnProperty.call(saved, key)) delete g[key];
    for (const [key, value] of Object.entries(saved)) {
      if (key === "betas" && Array.isArray(value) && Array.isArray(g.betas)) value.forEach((v, j) => ((g.betas as unknown[])[j] = v));
      else g[key] = value;
    }
  });
}

/** Child states validated together with the parent's, applied only when all are valid. */
interface CompositeExtra {
  children: RestoredState<object, unknown>[];
}

export abstract class CompositeScheduler<O extends object, R = O> extends LRScheduler<O, R> {
  /**
   * Builds the scheduler from params whose scheduler-valued options are `{ type, params }` configs
   * (a single config or a list), then the composite itself: createScheduler's path.
   */
  static fromParams<T extends LRScheduler>(
    this: (new (optimizer: Optimizer, options: never) => T) & { schedulerType: string; childOptions: readonly string[] },
    optimizer: Optimizer,
    params: Record<string, unknown> | undefined,
    build: BuildScheduler,
  ): T {
    const resolved: Record<string, unknown> = { ...params };
    // Building the sub-schedulers writes their initial values into the groups: undo that if the
    // composite is refused, so that a rejected config leaves the optimizer as it was.
    const before = snapshotGroups(optimizer);
    try {
      for (const key of this.childOptions) {
        const value = resolved[key];
        if (value === undefined) continue;
        if (Array.isArray(value)) {
          if (value.length === 0) throw new InvalidOptionError(this.schedulerType, key, value, "a non-empty list of { type, params } configs");
          resolved[key] = value.map((config) => build(config));
        } else resolved[key] = build(value);
      }
      return new this(optimizer, resolved as never);
    } catch (error) {
      restoreGroups(optimizer, before);
      throw error;
    }
  }

  /** The names of the options that hold sub-schedulers (configs in createScheduler params). */
  static readonly childOptions: readonly string[] = ["schedulers"];

  /** Every sub-scheduler, in the order their state dicts are saved. */
  get children(): LRScheduler[] {
    const out: LRScheduler[] = [];
    for (const value of Object.values(this.options)) {
      if (isScheduler(value)) out.push(value);
      else if (Array.isArray(value) && holdsSchedulers(value)) out.push(...(value as LRScheduler[]));
    }
    return out;
  }

  /** Checks that every sub-scheduler drives this optimizer and has a closed form; call from `resolve`. */
  protected checkChildren(children: readonly LRScheduler[], optimizer: Optimizer, option: string): void {
    children.forEach((child, i) => {
      const name = children.length > 1 || option.endsWith("s") ? `${option}[${i}]` : option;
      if (child.optimizer !== optimizer) {
        throw new InvalidOptionError(this.type, name, child.type, "a scheduler of the same optimizer");
      }
      if (!child.isClosedForm) {
        throw new InvalidOptionError(this.type, name, child.type, "a schedule with a closed form over steps (ReduceLROnPlateau is driven by a metric and cannot be composed)");
      }
    });
  }

  override stateDict(): SchedulerStateDict {
    const dict = super.stateDict();
    for (const [key, value] of Object.entries(this.options)) if (holdsSchedulers(value)) delete dict.options[key];
    dict.children = this.children.map((s) => s.stateDict());
    return dict;
  }

  protected override readOwnState(value: unknown): RestoredState<O, R> {
    const reader = StateReader.of(this.type, value);
    const options = { ...(reader.has("options") ? reader.object("options") : {}) };
    for (const [key, v] of Object.entries(this.options)) if (holdsSchedulers(v)) options[key] = v;
    const children = this.readChildren(reader, "children");
    const state = super.readOwnState({ ...reader.dict, options });
    return { ...state, extra: { children } satisfies CompositeExtra };
  }

  /** Validates each child's dict (ours or the reference's) with the child itself. */
  protected readChildren(reader: StateReader, key: string): RestoredState<object, unknown>[] {
    const list = reader.raw(key);
    const children = this.children;
    if (!Array.isArray(list) || list.length !== children.length) reader.fail(key, `a list of ${children.length} sub-scheduler state dicts`);
    return children.map((child, i) => {
      try {
        return child.readStateDict(list[i], { config: this.loadPolicy }) as RestoredState<object, unknown>;
      } catch (error) {
        if (error instanceof StateDictMismatchError) {
          const differences = error.differences.map((d) => ({ ...d, field: `${key}[${i}].${d.field}` }));
          throw new StateDictMismatchError(this.type, differences[0]!.field, error.checkpointValue, error.currentValue, differences);
        }
        if (error instanceof InvalidStateDictError) {
          throw new InvalidStateDictError(this.type, `${key}[${i}].${error.field}`, error.value, error.expected);
        }
        throw error;
      }
    });
  }

  protected override commitExtraState(extra: unknown): void {
    const states = (extra as CompositeExtra | undefined)?.children;
    const children = this.children;
    states?.forEach((state, i) => (children[i] as LRScheduler<object, unknown>).applyState(state));
  }
}
