/**
 * Every error this library throws is an `LRSchedulerError`: one `instanceof` check catches them all.
 * Each carries a stable `code`, the `path` of the refused field as the caller spelled it
 * (`step_size`, `schedulers[1].gamma`, `paramGroups[0].lr`), the refused `value`, and `where`: the
 * scheduler type or the function (`simulate`, `createScheduler`) that refused it.
 */

/** The stable identifiers of every kind of refusal. */
export type ErrorCode =
  | "invalid-option"
  | "unknown-option"
  | "missing-option"
  | "invalid-state-dict"
  | "state-dict-mismatch"
  | "wrong-state-dict-type"
  | "unknown-scheduler-type"
  | "invalid-config"
  | "nesting-too-deep"
  | "step-refused"
  | "past-end"
  | "non-finite-value"
  | "invalid-optimizer"
  | "invalid-argument"
  | "registration";

/** Base class of every error thrown by lr-schedulers. */
export class LRSchedulerError extends Error {
  /** A stable identifier of the kind of refusal. */
  readonly code: ErrorCode;
  /** The refused field as the caller spelled it (`""` when the error is about no field). */
  readonly path: string;
  /** The scheduler type or function that refused the input, e.g. `"StepLR"` or `"simulate"`. */
  readonly where: string;

  constructor(message: string, { code = "invalid-argument", path = "", where = "" }: { code?: ErrorCode; path?: string; where?: string } = {}) {
    super(message);
    this.name = new.target.name;
    this.code = code;
    this.path = path;
    this.where = where;
  }
}

/** A constructor option (or a `createScheduler` param) was missing, unknown, of the wrong type or out of range. */
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
    code: "invalid-option" | "unknown-option" | "missing-option" = "invalid-option",
    /** A spelling the caller probably meant, for an unknown option. */
    readonly suggestion?: string,
  ) {
    const hint = suggestion === undefined ? "" : ` Did you mean "${suggestion}"?`;
    super(`${schedulerType}: option "${option}" must be ${expected}; got ${describeValue(value)}.${hint}`, { code, path: option, where: schedulerType });
  }
}

/** A state dict given to `loadStateDict` was malformed or belongs to another scheduler. Nothing was applied. */
export class InvalidStateDictError extends LRSchedulerError {
  constructor(
    readonly schedulerType: string,
    /** The state-dict field that was refused, e.g. `"last_epoch"` or `"children[1].baseLrs[0]"`. */
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
    code: "invalid-state-dict" | "wrong-state-dict-type" | "state-dict-mismatch" | "nesting-too-deep" = "invalid-state-dict",
  ) {
    super(`${schedulerType}: state dict field "${field}" must be ${expected}; got ${describeValue(value)}.`, { code, path: field, where: schedulerType });
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
    super(schedulerType, field, checkpointValue, `equal to the constructor's value ${describeValue(currentValue)}`, "state-dict-mismatch");
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
    /** The known type closest to the one given, if any is close. */
    readonly suggestion?: string,
    path = "type",
  ) {
    const hint = suggestion === undefined ? "" : ` Did you mean "${suggestion}"?`;
    super(`Unknown scheduler type ${describeValue(type)}.${hint} Known types: ${known.join(", ")}.`, { code: "unknown-scheduler-type", path, where: "createScheduler" });
  }
}

/** The object given to `createScheduler` is not a `{ type, params }` config nor a ds_config.json. */
export class InvalidConfigError extends LRSchedulerError {
  constructor(
    /** The config field that was refused, e.g. `"scheduler.params"`. */
    readonly field: string,
    readonly value: unknown,
    readonly expected: string,
    code: "invalid-config" | "nesting-too-deep" = "invalid-config",
  ) {
    super(`Scheduler config field "${field}" must be ${expected}; got ${describeValue(value)}.`, { code, path: field, where: "createScheduler" });
  }
}

/** A `step()` call that the schedule cannot honour (past the end of a finite schedule, a bad argument, a value that overflows). */
export class StepError extends LRSchedulerError {
  constructor(
    readonly schedulerType: string,
    /** The step counter at which it failed. */
    readonly step: number,
    reason: string,
    code: "step-refused" | "past-end" | "non-finite-value" = "step-refused",
    path = "",
  ) {
    super(`${schedulerType}: step ${step}: ${reason}`, { code, path, where: schedulerType });
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
    super(`${schedulerType}: optimizer field "${field}" must be ${expected}; got ${describeValue(value)}.`, { code: "invalid-optimizer", path: field, where: schedulerType });
  }
}

/** `prefix` (`"schedulers[1]."`) in front of a child's path: the child's own field, index or nothing (then the prefix names the child itself). */
function joinPath(prefix: string, path: string): string {
  const parent = prefix.replace(/\.$/, "");
  if (path === "") return parent;
  return path.startsWith("[") ? parent + path : prefix + path;
}

/**
 * The same error with `prefix` in front of its path and `where` set to the outer scheduler: a
 * composite reports its child's refusal as `schedulers[1].gamma` instead of rebuilding the error.
 */
export function prefixError(error: unknown, prefix: string, where: string): unknown {
  let out: LRSchedulerError;
  if (error instanceof StateDictMismatchError) {
    const differences = error.differences.map((d) => ({ ...d, field: joinPath(prefix, d.field) }));
    out = new StateDictMismatchError(where, joinPath(prefix, error.field), error.checkpointValue, error.currentValue, differences);
  } else if (error instanceof InvalidStateDictError) {
    out = new InvalidStateDictError(where, joinPath(prefix, error.field), error.value, error.expected, error.code as "invalid-state-dict");
  } else if (error instanceof InvalidOptionError) {
    out = new InvalidOptionError(where, joinPath(prefix, error.option), error.value, error.expected, error.code as "invalid-option", error.suggestion);
  } else if (error instanceof InvalidConfigError) {
    out = new InvalidConfigError(joinPath(prefix, error.field), error.value, error.expected, error.code as "invalid-config");
  } else if (error instanceof UnknownSchedulerTypeError) {
    out = new UnknownSchedulerTypeError(error.type, error.known, error.suggestion, joinPath(prefix, error.path));
  } else if (error instanceof StepError) {
    const reason = error.message.replace(/^[^:]*: step [^:]*: /, "");
    out = new StepError(where, error.step, `${prefix.replace(/\.$/, "")}: ${reason}`, error.code as "step-refused", joinPath(prefix, error.path));
  } else return error;
  out.stack = (error as Error).stack;
  return out;
}

/** Renders a value for an error message: numbers as JS writes them (NaN, Infinity), the rest as JSON, kept short. */
export function describeValue(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint" || typeof value === "boolean") return String(value);
  if (value === undefined) return "undefined";
  if (typeof value === "function") return "a function";
  if (typeof value === "symbol") return value.toString();
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
  } catch {
    text = Object.prototype.toString.call(value);
  }
  if (text === undefined) text = Object.prototype.toString.call(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
