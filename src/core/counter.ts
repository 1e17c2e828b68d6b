/**
 * How a family counts steps, as data: where the counter stands after construction, whether
 * construction writes the values there, and what the argument of `step(x)` means. The engine reads
 * these fields; no family overrides `step()` for its convention.
 */
import { StepError, describeValue } from "./errors.js";
import type { ScheduleDefinition } from "./schedule.js";
import { emitWarning } from "./warnings.js";

/** A family's step-counting convention. `O` is the validated options (the start may depend on one). */
export interface Counter<O = object> {
  /** The counter right after construction (PyTorch: `last_epoch + 1`, DeepSpeed: `last_batch_iteration`). */
  readonly start: (options: O) => number;
  /** The option `start` is read from (`"lastEpoch"`), named when the start is past the counter's range. */
  readonly startOption?: string;
  /** Whether construction starts a new run (false: it resumes one, e.g. PyTorch's `last_epoch != -1`). */
  readonly fresh: (options: O) => boolean;
  /** When construction writes the schedule's values at `start`: always, only for a new run, or never (the first step does). */
  readonly writesAtStart: "always" | "fresh" | "never";
  /** `"to"`: `step(x)` moves the counter to x; `"by"`: `step(x)` adds x (Megatron's increment). `step()` adds 1 either way. */
  readonly argument: "to" | "by";
  /** What `x` is called in messages, e.g. `"epoch"`, `"batch iteration"`, `"increment"`. */
  readonly argumentName: string;
  /** Whether the counter and `x` are whole numbers. */
  readonly integer: boolean;
  /** The lowest value the counter may take (for `"by"`, `x` is at least 0). */
  readonly min: number;
  /** A warning for `step(x)`, e.g. PyTorch's deprecated epoch argument. */
  readonly argumentWarning?: { readonly code: string; readonly message: string };
}

const lastEpochOf = (o: object) => (o as { lastEpoch?: number }).lastEpoch ?? -1;
const lastBatchIterationOf = (o: object) => (o as { lastBatchIteration?: number }).lastBatchIteration ?? -1;

/**
 * PyTorch's `LRScheduler`: construction is the first step, so the counter starts at `last_epoch + 1`
 * (0 for a new run) and the values there are written; `step(epoch)` (deprecated upstream) jumps to
 * that epoch, fractions allowed.
 */
export const torchEpochs: Counter = {
  start: (o) => lastEpochOf(o) + 1,
  startOption: "lastEpoch",
  fresh: (o) => lastEpochOf(o) === -1,
  writesAtStart: "always",
  argument: "to",
  argumentName: "epoch",
  integer: false,
  min: 0,
  argumentWarning: {
    code: "deprecated-epoch-argument",
    message: "step(epoch) is deprecated in PyTorch; the closed form at that epoch is used.",
  },
};

/** `torchEpochs` on whole steps only (a schedule defined step by step, such as MultiplicativeLR). */
export const torchSteps: Counter = { ...torchEpochs, integer: true };

/**
 * DeepSpeed's schedulers: `last_batch_iteration` starts at -1, whose values a new run writes at
 * construction; the first `step()` is iteration 0; `step(k)` jumps to iteration k, backwards too.
 */
export const deepspeedIterations: Counter = {
  start: lastBatchIterationOf,
  startOption: "lastBatchIteration",
  fresh: (o) => lastBatchIterationOf(o) === -1,
  writesAtStart: "fresh",
  argument: "to",
  argumentName: "batch iteration",
  integer: true,
  min: -1,
};

/** Megatron-LM: construction is `step(0)`; `step(increment)` adds to `num_steps`. */
export const megatronIncrements: Counter = {
  start: () => 0,
  fresh: () => true,
  writesAtStart: "always",
  argument: "by",
  argumentName: "increment",
  integer: true,
  min: 0,
};

/**
 * A schedule that is told the step count (Keras' `iterations`, optax's `count`): the value at count 0
 * is written at construction, the value at count k after the k-th `step()`; `step(k)` sets the count.
 */
export const stepCounts: Counter = {
  start: () => 0,
  fresh: () => true,
  writesAtStart: "always",
  argument: "to",
  argumentName: "step count",
  integer: true,
  min: 0,
};

/**
 * A schedule driven by a metric (ReduceLROnPlateau): nothing is written at construction; every
 * `step(metric)` counts one epoch.
 */
export const metricEpochs: Counter = {
  start: () => 0,
  fresh: () => true,
  writesAtStart: "never",
  argument: "to",
  argumentName: "epoch",
  integer: false,
  min: 0,
};

function refuseArgument(definition: ScheduleDefinition, current: number, x: unknown, expected: string): never {
  throw new StepError(definition.type, current, `the ${definition.counter.argumentName} must be ${expected}; got ${describeValue(x)}`);
}

/** The next counter value for `step(x)` under the definition's convention. @throws StepError */
export function nextCount(definition: ScheduleDefinition, current: number, x: unknown, end: number | undefined): number {
  const counter = definition.counter;
  const type = definition.type;
  let next: number;
  if (x === undefined) next = current + 1;
  else {
    if (typeof x !== "number" || !Number.isFinite(x)) return refuseArgument(definition, current, x, "a finite number");
    if (counter.integer && !Number.isInteger(x)) return refuseArgument(definition, current, x, "an integer");
    if (counter.argument === "by") {
      if (x < 0) return refuseArgument(definition, current, x, ">= 0");
      next = current + x;
    } else {
      if (x < counter.min) return refuseArgument(definition, current, x, `>= ${counter.min}`);
      next = x;
    }
    if (counter.argumentWarning) emitWarning(type, counter.argumentWarning.code, counter.argumentWarning.message);
  }
  if (!(Math.abs(next) <= Number.MAX_SAFE_INTEGER)) throw new StepError(type, current, `the counter cannot go past ${Number.MAX_SAFE_INTEGER} (2**53 - 1)`);
  if (end !== undefined && next > end) throw new StepError(type, next, `the schedule has ${end} steps; it cannot step past them`, "past-end");
  return next;
}
