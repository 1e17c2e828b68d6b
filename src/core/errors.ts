/**
 * Every error this library throws is an `LRSchedulerError`, so one `instanceof` check catches them
 * all; the subclasses say which boundary refused the input and carry the offending name and value.
 */

/** Base class of every error thrown by lr-schedulers. */
export class LRSchedulerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A constructor option (or a `createScheduler` param) was missing, of the wrong type or out of range. */
export class InvalidOptionError extends LRSchedulerError {
  constructor(
    /** The scheduler type that refused the option, e.g. `"StepLR"`. */
    readonly schedulerType: string,
    /** The option as the caller spelled it (`"step_size"` or `"stepSize"`), or a path such as `"max_lr[1]"`. */
    readonly option: string,
    /** The value that was refused. */
    readonly value: unknown,
    /** What is allowed, in words. */
    readonly expected: string,
  ) {
    super(`${schedulerType}: option "${option}" must be ${expected}; got ${describeValue(value)}.`);
  }
}

/** A state dict given to `loadStateDict` was malformed or belongs to another scheduler. Nothing was applied. */
export class InvalidStateDictError extends LRSchedulerError {
  constructor(
    readonly schedulerType: string,
    /** The state-dict field that was refused, e.g. `"last_epoch"` or `"baseLrs[1]"`. */
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${schedulerType}: state dict field "${field}" must be ${expected}; got ${describeValue(value)}.`);
  }
}

/** One setting on which a checkpoint and the constructor disagree. */
export interface SettingDifference {
  field: string;
  checkpointValue: unknown;
  currentValue: unknown;
}

/** A checkpoint's settings differ from the constructor's and the chosen policy refuses the difference. */
export class StateDictMismatchError extends InvalidStateDictError {
  /** Every differing setting (the first one is also `field`). */
  readonly differences: readonly SettingDifference[];

  constructor(
    schedulerType: string,
    field: string,
    /** The value in the checkpoint. */
    readonly checkpointValue: unknown,
    /** The value the scheduler was constructed with. */
    readonly currentValue: unknown,
    differences?: readonly SettingDifference[],
  ) {
    super(schedulerType, field, checkpointValue, `equal to the constructor's value ${describeValue(currentValue)}`);
    this.differences = differences ?? [{ field, checkpointValue, currentValue }];
    if (this.differences.length > 1) {
      const list = this.differences
        .map((d) => `${d.field}: checkpoint ${describeValue(d.checkpointValue)}, constructor ${describeValue(d.currentValue)}`)
        .join("; ");
      this.message = `${schedulerType}: the checkpoint's settings differ from the constructor's (${list}).`;
    }
  }
}

/** `createScheduler` was given a type that is neither built in nor registered. */
export class UnknownSchedulerTypeError extends LRSchedulerError {
  constructor(
    readonly type: unknown,
    /** Every type that would have been accepted. */
    readonly known: readonly string[],
  ) {
    super(`Unknown scheduler type ${describeValue(type)}; known types: ${known.join(", ")}.`);
  }
}

/** The object given to `createScheduler` is not a `{ type, params }` config nor a ds_config.json. */
export class InvalidConfigError extends LRSchedulerError {
  constructor(
    /** The config field that was refused, e.g. `"scheduler.params"`. */
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`Scheduler config field "${field}" must be ${expected}; got ${describeValue(value)}.`);
  }
}

/** A `step()` call that the schedule cannot honour (past the end of a finite schedule, a bad explicit argument). */
export class StepError extends LRSchedulerError {
  constructor(
    readonly schedulerType: string,
    /** The step counter at which it failed. */
    readonly step: number,
    reason: string,
  ) {
    super(`${schedulerType}: step ${step}: ${reason}`);
  }
}

/** The optimizer object does not have the shape `{ paramGroups: [{ lr: number, ... }, ...] }`. */
export class InvalidOptimizerError extends LRSchedulerError {
  constructor(
    readonly schedulerType: string,
    /** The offending field, e.g. `"paramGroups[1].lr"`. */
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
  ) {
    super(`${schedulerType}: optimizer field "${field}" must be ${expected}; got ${describeValue(value)}.`);
  }
}

/** Renders a value for an error message: numbers as JS writes them (NaN, Infinity), the rest as JSON, kept short. */
export function describeValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return value.toString();
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) =>
      typeof v === "number" && !Number.isFinite(v) ? String(v) : v,
    );
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
