/**
 * Hugging Face's `get_scheduler(name, optimizer, num_warmup_steps, num_training_steps,
 * scheduler_specific_kwargs)`: one entry point over every schedule, by the names of
 * `transformers.SchedulerType` (what `TrainingArguments.lr_scheduler_type` takes). It passes the
 * arguments on exactly as Python does, including what Python leaves out (the constant schedule
 * takes no arguments; constant-with-warmup and inverse-sqrt take only the warmup).
 */
import * as z from "zod/mini";
import type { LRScheduler } from "../../core/engine.js";
import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { parseOptions, toSnakeCase, type OptionsInputOf } from "../../core/options.js";
import type { SchedulerFactory } from "../../core/registry.js";
import { nonNegativeInt, oneOf } from "../../core/schema.js";
import { ConstantSchedule } from "./constant-schedule.js";
import { ConstantScheduleWithWarmup } from "./constant-schedule-with-warmup.js";
import { CosineScheduleWithWarmup } from "./cosine-schedule-with-warmup.js";
import { CosineWithHardRestartsScheduleWithWarmup } from "./cosine-with-hard-restarts-schedule-with-warmup.js";
import { CosineWithMinLrScheduleWithWarmup } from "./cosine-with-min-lr-schedule-with-warmup.js";
import { CosineWithMinLrScheduleWithWarmupLrRate } from "./cosine-with-min-lr-schedule-with-warmup-lr-rate.js";
import { InverseSqrtSchedule } from "./inverse-sqrt-schedule.js";
import { LinearScheduleWithWarmup } from "./linear-schedule-with-warmup.js";
import { PolynomialDecayScheduleWithWarmup } from "./polynomial-decay-schedule-with-warmup.js";
import { ReduceOnPlateauSchedule } from "./reduce-on-plateau-schedule.js";
import { WsdSchedule } from "./wsd-schedule.js";

/** The names of `transformers.SchedulerType`. */
export const HF_SCHEDULER_TYPES = [
  "linear",
  "cosine",
  "cosine_with_restarts",
  "polynomial",
  "constant",
  "constant_with_warmup",
  "inverse_sqrt",
  "reduce_lr_on_plateau",
  "cosine_with_min_lr",
  "cosine_warmup_with_min_lr",
  "warmup_stable_decay",
] as const;
export type HFSchedulerType = (typeof HF_SCHEDULER_TYPES)[number];

const TYPE = "get_scheduler";

const isKwargs = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** `get_scheduler`'s arguments besides the optimizer; the optional ones may be null (Python's None). */
const getSchedulerOptions = () => ({
  /** A `SchedulerType` name. */
  name: oneOf(HF_SCHEDULER_TYPES),
  /** Required by every schedule except "constant" and "reduce_lr_on_plateau". */
  numWarmupSteps: z.optional(z.nullable(nonNegativeInt())),
  /** Required by the schedules that decay over the run ("linear", "cosine", ...); optional for "warmup_stable_decay". */
  numTrainingSteps: z.optional(z.nullable(nonNegativeInt())),
  /** The schedule's own options (`num_cycles`, `lr_end`, `min_lr_rate`, `num_decay_steps`, ReduceLROnPlateau's `factor`, ...), either spelling. */
  schedulerSpecificKwargs: z.optional(z.nullable(z.custom<Record<string, unknown>>(isKwargs, { error: "an object of keyword arguments" }))),
});

/** `getScheduler`'s options (camelCase; the Python spellings are accepted too). */
export type GetSchedulerOptions = Omit<OptionsInputOf<ReturnType<typeof getSchedulerOptions>>, "name">;

/** The schedules that get both step counts and the specific kwargs. */
const DECAYING = {
  linear: LinearScheduleWithWarmup,
  cosine: CosineScheduleWithWarmup,
  cosine_with_restarts: CosineWithHardRestartsScheduleWithWarmup,
  polynomial: PolynomialDecayScheduleWithWarmup,
  cosine_with_min_lr: CosineWithMinLrScheduleWithWarmup,
  cosine_warmup_with_min_lr: CosineWithMinLrScheduleWithWarmupLrRate,
} as const;

/**
 * Builds the schedule Hugging Face's `get_scheduler` would, from a `SchedulerType` name: the
 * scheduler returned is the named schedule's (its type, its state dict).
 * @throws InvalidOptionError for an unknown name, a missing step count, or a bad specific kwarg
 * (named by its path, `scheduler_specific_kwargs.num_cycles`)
 * @example
 * const scheduler = getScheduler("cosine", optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000 });
 */
export function getScheduler(name: HFSchedulerType, optimizer: Optimizer, options: GetSchedulerOptions = {}): LRScheduler {
  const parsed = parseOptions(getSchedulerOptions(), { name, ...options }, TYPE).options;
  const kwargs = parsed.schedulerSpecificKwargs ?? {};
  try {
    return buildNamed(parsed.name, optimizer, parsed.numWarmupSteps ?? undefined, parsed.numTrainingSteps ?? undefined, kwargs);
  } catch (error) {
    if (!(error instanceof InvalidOptionError)) throw error;
    const code = error.code as "invalid-option" | "unknown-option" | "missing-option";
    // An error about a specific kwarg names it by its path in get_scheduler's arguments.
    if (Object.prototype.hasOwnProperty.call(kwargs, error.option)) {
      throw new InvalidOptionError(error.schedulerType, `scheduler_specific_kwargs.${error.option}`, error.value, error.expected, code, error.suggestion);
    }
    // The step counts are passed on camelCase: name them as get_scheduler's own arguments.
    if (error.option === "numWarmupSteps" || error.option === "numTrainingSteps") {
      throw new InvalidOptionError(error.schedulerType, toSnakeCase(error.option), error.value, error.expected, code, error.suggestion);
    }
    throw error;
  }
}

function buildNamed(
  name: HFSchedulerType,
  optimizer: Optimizer,
  numWarmupSteps: number | undefined,
  numTrainingSteps: number | undefined,
  kwargs: Record<string, unknown>,
): LRScheduler {
  if (name === "constant") return new ConstantSchedule(optimizer);
  if (name === "reduce_lr_on_plateau") return new ReduceOnPlateauSchedule(optimizer, kwargs);
  if (numWarmupSteps === undefined) throw new InvalidOptionError(TYPE, "num_warmup_steps", undefined, `given: "${name}" requires it`, "missing-option");
  if (name === "constant_with_warmup") return new ConstantScheduleWithWarmup(optimizer, { numWarmupSteps });
  if (name === "inverse_sqrt") return new InverseSqrtSchedule(optimizer, { numWarmupSteps });
  if (name === "warmup_stable_decay") return new WsdSchedule(optimizer, withSteps(kwargs, numWarmupSteps, numTrainingSteps) as never);
  if (numTrainingSteps === undefined) throw new InvalidOptionError(TYPE, "num_training_steps", undefined, `given: "${name}" requires it`, "missing-option");
  return new DECAYING[name](optimizer, withSteps(kwargs, numWarmupSteps, numTrainingSteps) as never);
}

/**
 * The keyword arguments Python passes: both step counts (unless None) and the specific ones.
 * @throws InvalidOptionError if a specific kwarg repeats a step count (Python: "got multiple values")
 */
function withSteps(kwargs: Record<string, unknown>, numWarmupSteps: number, numTrainingSteps: number | undefined): Record<string, unknown> {
  for (const key of Object.keys(kwargs)) {
    if (["numwarmupsteps", "numtrainingsteps"].includes(key.replace(/_/g, "").toLowerCase())) {
      throw new InvalidOptionError(TYPE, `scheduler_specific_kwargs.${key}`, kwargs[key], "left out (the step counts are get_scheduler's own arguments)");
    }
  }
  return { numWarmupSteps, ...(numTrainingSteps === undefined ? {} : { numTrainingSteps }), ...kwargs };
}

/**
 * `createScheduler(optimizer, { type: "get_scheduler", params: { name, num_warmup_steps, num_training_steps, scheduler_specific_kwargs } })`.
 * The scheduler built is the named schedule's.
 */
export const getSchedulerFactory: SchedulerFactory = {
  type: TYPE,
  family: "transformers",
  create(optimizer, params) {
    const { name, ...rest } = parseOptions(getSchedulerOptions(), params, TYPE).options;
    return getScheduler(name, optimizer, rest);
  },
};
