/**
 * What SequentialLR and ChainedScheduler share: sub-schedulers built on the same optimizer,
 * evaluated through their closed forms (`scheduleAt`), saved and restored as nested state dicts.
 */
import { InvalidOptionError, InvalidStateDictError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { BuildScheduler } from "../../core/registry.js";
import { LRScheduler, type RestoredState } from "../../core/scheduler.js";
import type { SchedulerStateDict } from "../../core/state.js";
import { StateReader } from "../../core/state.js";
import * as z from "zod/mini";

/** The `schedulers` option: a non-empty list of scheduler instances. */
export const schedulerList = () =>
  z.custom<LRScheduler[]>((v) => Array.isArray(v) && v.length > 0 && v.every((s) => s instanceof LRScheduler), {
    error: "a non-empty list of schedulers",
  });

export interface CompositeOptions {
  schedulers: LRScheduler[];
}

/** Child states validated together with the parent's, applied only when all are valid. */
interface CompositeExtra {
  children: RestoredState<object, unknown>[];
}

export abstract class CompositeScheduler<O extends CompositeOptions> extends LRScheduler<O> {
  /** Builds the sub-schedulers from `{ type, params }` configs, then the composite (createScheduler's path). */
  static fromParams<T extends LRScheduler>(
    this: new (optimizer: Optimizer, options: never) => T,
    optimizer: Optimizer,
    params: Record<string, unknown> | undefined,
    build: BuildScheduler,
  ): T {
    const type = (this as unknown as { schedulerType: string }).schedulerType;
    const configs = params?.schedulers;
    if (!Array.isArray(configs) || configs.length === 0) {
      throw new InvalidOptionError(type, "schedulers", configs, "a non-empty list of { type, params } configs");
    }
    const schedulers = configs.map((config) => build(config));
    return new this(optimizer, { ...params, schedulers } as never);
  }

  /** The sub-schedulers, in order. */
  get schedulers(): readonly LRScheduler[] {
    return this.options.schedulers;
  }

  protected override resolve(options: O, optimizer: Optimizer): O {
    options.schedulers.forEach((child, i) => {
      if (child.optimizer !== optimizer) {
        throw new InvalidOptionError(this.type, `schedulers[${i}]`, child.type, "a scheduler of the same optimizer");
      }
      if (!child.isClosedForm) {
        throw new InvalidOptionError(this.type, `schedulers[${i}]`, child.type, "a schedule with a closed form over steps (ReduceLROnPlateau is driven by a metric and cannot be composed)");
      }
    });
    return options;
  }

  override stateDict(): SchedulerStateDict {
    const { schedulers, ...rest } = this.options;
    void schedulers;
    const dict = super.stateDict();
    dict.options = JSON.parse(JSON.stringify(rest)) as Record<string, unknown>;
    dict.children = this.options.schedulers.map((s) => s.stateDict());
    return dict;
  }

  protected override readOwnState(value: unknown): RestoredState<O, O> {
    const reader = StateReader.of(this.type, value);
    const options = reader.has("options") ? reader.object("options") : {};
    const children = this.readChildren(reader, "children");
    const state = super.readOwnState({ ...reader.dict, options: { ...options, schedulers: this.options.schedulers } });
    return { ...state, extra: { children } satisfies CompositeExtra };
  }

  /** Validates each child's dict (ours or the reference's) with the child itself. */
  protected readChildren(reader: StateReader, key: string): RestoredState<object, unknown>[] {
    const list = reader.raw(key);
    const count = this.options.schedulers.length;
    if (!Array.isArray(list) || list.length !== count) reader.fail(key, `a list of ${count} sub-scheduler state dicts`);
    return this.options.schedulers.map((child, i) => {
      try {
        return child.readStateDict(list[i]) as RestoredState<object, unknown>;
      } catch (error) {
        if (error instanceof InvalidStateDictError) {
          throw new InvalidStateDictError(this.type, `${key}[${i}].${error.field}`, error.value, error.expected);
        }
        throw error;
      }
    });
  }

  protected override commitExtraState(extra: unknown): void {
    const children = (extra as CompositeExtra | undefined)?.children;
    children?.forEach((state, i) => (this.options.schedulers[i] as LRScheduler<object, unknown>).applyState(state));
  }
}
