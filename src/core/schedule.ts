/**
 * A schedule is a value: a type name, an options schema, a counter convention and a pure `build`
 * that turns validated options (and the param groups) into the schedule's closed form. The engine
 * (`LRScheduler`) owns everything else: the counter, the writes, `getLr`, state dicts, warnings.
 */
import type { Counter } from "./counter.js";
import type { ParamGroup } from "./optimizer.js";
import type { OptionFields, OptionsOf } from "./options.js";
import type { ReferenceDialect } from "./reference.js";
import type { StepValues } from "./values.js";

/** Group values besides the lr that a schedule may write. */
export type ExtraValue = "momentum" | "beta2" | "weightDecay";

/**
 * The closed form of a schedule: values as pure functions of the step `t`. `shape(t)` is the part
 * every group shares (a decay factor, a cosine term), computed once per step; the per-group
 * functions get it as `s`. A form that shares more than one number per step declares `slots`:
 * `shape` writes the others into `shared` (one array per form, allocated by the engine), and the
 * per-group functions, always called right after `shape(t)` for the same `t`, read them there.
 */
export interface Form {
  /** The group-independent part at step `t`. Default: none (`s` is 0). */
  readonly shape?: (t: number, shared: Float64Array) => number;
  /** How many numbers besides `s` that `shape` shares with the per-group functions (the length of `shared`). Default 0. */
  readonly slots?: number;
  /** Group `i`'s lr at step `t` (default: the group's base lr times `s`); `undefined` leaves it as it is (DeepSpeed's WarmupCosineLR before its start). */
  readonly lr?: GroupValue;
  /** Group `i`'s momentum (`momentum`, or `betas[0]` with `momentumTarget: "beta1"`); `undefined` leaves it as it is. */
  readonly momentum?: GroupValue;
  /** Where `momentum` goes. Default `"momentum"`. */
  readonly momentumTarget?: "momentum" | "beta1";
  /** Group `i`'s `betas[1]`; `undefined` leaves it as it is. */
  readonly beta2?: GroupValue;
  /** Group `i`'s weight decay; `undefined` leaves it as it is. */
  readonly weightDecay?: GroupValue;
  /** The shape at a step reached by `step(x)`, where it differs from `shape` (PyTorch's CosineAnnealingWarmRestarts finds the cycle another way there). */
  readonly jumpShape?: (t: number, shared: Float64Array) => number;
  /** The base lrs the schedule records, when it sets them itself (OneCycleLR's `max_lr / div_factor`, Megatron's peak). */
  readonly baseLrs?: readonly number[];
  /** Fields written into group `i` when a new run is constructed (OneCycleLR's `initialLr`, `maxLr`, `minLr`; a list is copied into the group). */
  readonly groupFields?: (i: number) => Readonly<Record<string, number | readonly number[]>>;
  /** The lr written at construction when it is not the schedule's value at the start (timm writes the base, or the warmup's start). */
  readonly beforeStart?: (i: number) => number;
  /** The last step the schedule allows (OneCycleLR's `total_steps`): a step past it throws, changing nothing. */
  readonly end?: number;
  /**
   * Every group's values at step `t` at once, for a form built from other forms (a composite): the
   * child forms are evaluated into their own step values, which this returns (or combines into its
   * own). The engine then reads the arrays instead of calling the per-group functions.
   */
  readonly values?: (t: number, jump: boolean) => StepValues;
  /** For a metric-driven schedule: its state and what one metric does to it. */
  readonly plateau?: Plateau<Record<string, unknown>, number> | Plateau<Record<string, unknown>, number | undefined>;
  /** For a composite: where each sub-scheduler's own counter stands at step `t` (undefined: it did not move), so that it reports what the reference's would. */
  readonly childClocks?: readonly ChildClock[];
}

/** One group's value at step `t`, given the shape `s` (and the form's `shared` numbers). */
export type GroupValue = (i: number, s: number, t: number, shared: Float64Array) => number | undefined;

/** A sub-scheduler of a composite and its own counter at the composite's step `t`. */
export interface ChildClock {
  readonly child: object;
  readonly at: (t: number) => number | undefined;
  /** Whether the sub-scheduler's `getLastLr()` takes the lrs written at step `t` (default: whenever its counter moves). */
  readonly takesLr?: (t: number) => boolean;
}

/**
 * A metric-driven schedule's state is plain data (numbers, booleans, strings, null), declared by a
 * record of zod/mini schemas that validates it on load. The lrs are the engine's (the last ones written).
 */
export interface Plateau<S extends Record<string, unknown> = Record<string, unknown>, M extends number | undefined = number | undefined> {
  /** The schemas of the state's fields (camelCase keys), used to validate a loaded state. */
  readonly fields: OptionFields;
  /** The state right after construction. */
  readonly initial: S;
  /**
   * One metric: updates `state` (a copy the engine made) in place and writes the new lrs into `lrs`,
   * which holds the groups' current lrs on entry; `epoch` is the counter after this step. Throw a
   * StepError to refuse the metric.
   */
  readonly step: (state: S, metric: M, lrs: number[], epoch: number) => void;
  /** The metric may be left out (timm's PlateauLRScheduler: then only its warmup moves). Default false. */
  readonly optionalMetric?: boolean;
  /** An explicit epoch (`step(metric, epoch)`) is PyTorch's deprecated form, reported as a warning; `"expected"`: the family's normal call (timm). Default `"deprecated"`. */
  readonly explicitEpoch?: "deprecated" | "expected";
}

/** What `build` gets besides the options. */
export interface BuildContext {
  /** The optimizer's param groups, to read (never write) per-group settings. */
  readonly groups: readonly Readonly<ParamGroup>[];
  /** The optimizer's constructor keywords, where a reference reads them (`defaults.lr`, `defaults.betas`). */
  readonly defaults: Readonly<Record<string, unknown>> | undefined;
  /** Each group's base lr under the definition's `base` rule (for `"absolute"`: the groups' lr, or NaN). */
  readonly baseLrs: readonly number[];
  /** A composite's sub-schedulers, in `children(options)` order: their closed forms, base lrs and counter starts. */
  readonly children: readonly ChildForm[];
  /** Refuses an option: `option` is the camelCase key (with a suffix such as `[1]`); the error names it as the caller spelled it. */
  fail(option: string, value: unknown, expected: string): never;
  /** Refuses the optimizer: `field` is its path (`"defaults.lr"`, `"paramGroups[1].betas"`). */
  failOptimizer(field: string, value: unknown, expected: string): never;
  /** Reports a configuration the reference only warns about (emitted once the scheduler is built). */
  warn(code: string, message: string): void;
}

/** A sub-scheduler as a composite sees it. */
export interface ChildForm {
  readonly scheduler: object;
  readonly type: string;
  readonly form: CompleteForm;
  readonly baseLrs: readonly number[];
  /** Where its counter starts (PyTorch 0, DeepSpeed -1): local time 0 of a sequence is this. */
  readonly start: number;
}

/** A form with `lr` filled in (the engine's default applied). */
export type CompleteForm = Form & { readonly lr: GroupValue };

/** How a schedule finds each group's base lr. */
export type BaseRule =
  /** PyTorch: each group's `initialLr`, set from its `lr` the first time (`group.setdefault("initial_lr", lr)`). */
  | "initialLr"
  /** The group's `lr` as found (DeepSpeed, ReduceLROnPlateau). */
  | "lr"
  /** The schedule writes absolute values (Keras, optax, Megatron): groups need no `lr`; the base is the form's `baseLrs`, else the first values written. */
  | "absolute";

export interface ScheduleDefinition<F extends OptionFields = OptionFields, T extends string = string, Family extends string = string> {
  /** The reference's own name, e.g. `"StepLR"`; written into state dicts. */
  readonly type: T;
  /** The family, e.g. `"torch"`: `createScheduler` also takes `"torch.StepLR"`. */
  readonly family: Family;
  /** The options' schemas under camelCase keys, built on first use (so that bundlers drop unused schedules). */
  readonly options: () => F;
  /** The family's step-counting convention. */
  readonly counter: Counter<OptionsOf<F>>;
  /** Where base lrs come from. Default `"initialLr"`. */
  readonly base?: BaseRule;
  /** Validates what the schema cannot (rules between options, list lengths against the groups) and returns the closed form. Pure. */
  readonly build: (options: OptionsOf<F>, context: BuildContext) => Form;
  /** For a composite: its sub-schedulers, which live in its options. */
  readonly children?: (options: OptionsOf<F>) => readonly object[];
  /** The option keys that hold sub-schedulers (`createScheduler` builds them from `{ type, params }` configs). */
  readonly childOptions?: readonly string[];
  /** How the reference's own `state_dict()` is read. */
  readonly reference?: ReferenceDialect;
  /**
   * Whether the reference's step multiplies the current lr (PyTorch's chainable forms, ReduceLROnPlateau's
   * cuts): then two schedulers stepping one optimizer multiply their factors, as in PyTorch. Default false:
   * the schedule writes absolute values.
   */
  readonly chainable?: (options: OptionsOf<F>) => boolean;
  /**
   * The scheduler whose values this one's factor multiplies whatever that one writes (a plateau put on
   * top of any schedule with `withPlateau`): that scheduler's steps take this factor, even where the
   * reference would overwrite it.
   */
  readonly multiplies?: (options: OptionsOf<F>) => object;
  /** The config policy of a `loadStateDict` that names none, when the options choose it (Megatron's `override_opt_param_scheduler`). Default `"checkpoint"`. */
  readonly loadPolicy?: (options: OptionsOf<F>) => "checkpoint" | "current" | "strict";
}
