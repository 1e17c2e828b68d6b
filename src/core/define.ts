/**
 * `defineSchedule(definition)`: a schedule value becomes a scheduler class. The class adds nothing
 * to the engine; it gives the schedule a constructor (`new StepLR(optimizer, options)`), an
 * `instanceof` and a type name, and carries the definition for `createScheduler`.
 */
import { LRScheduler } from "./engine.js";
import type { Optimizer } from "./optimizer.js";
import type { OptionFields, OptionsInputOf, OptionsOf } from "./options.js";
import type { ScheduleDefinition } from "./schedule.js";

/** The constructor's options argument: optional when every option is. */
export type OptionsArgument<I> = {} extends I ? [options?: I] : [options: I];

/** A scheduler class made by `defineSchedule`. */
export interface ScheduleClass<
  F extends OptionFields = OptionFields,
  S extends LRScheduler<OptionsOf<F>> = LRScheduler<OptionsOf<F>>,
  T extends string = string,
  Family extends string = string,
> {
  new (optimizer: Optimizer, ...options: OptionsArgument<OptionsInputOf<F>>): S;
  /** The name `createScheduler` takes and state dicts carry, e.g. `"StepLR"`. */
  readonly schedulerType: T;
  /** The schedule this class runs. */
  readonly definition: ScheduleDefinition<F, T, Family>;
}

/**
 * Makes a scheduler class from a schedule definition.
 * @example
 * const HalvingLR = defineSchedule({
 *   type: "HalvingLR", family: "custom", counter: torchEpochs,
 *   options: () => ({ every: schema.positiveInt() }),
 *   build: (o) => ({ shape: (t) => 0.5 ** Math.floor(t / o.every) }),
 * });
 * const scheduler = new HalvingLR(optimizer, { every: 10 });
 */
export function defineSchedule<F extends OptionFields, T extends string, Family extends string>(definition: ScheduleDefinition<F, T, Family>): ScheduleClass<F, LRScheduler<OptionsOf<F>>, T, Family> {
  const Defined = class extends LRScheduler<OptionsOf<F>> {
    static readonly definition = definition;
    static readonly schedulerType = definition.type;
    constructor(optimizer: Optimizer, options?: unknown) {
      super(definition as unknown as ScheduleDefinition, optimizer, options);
    }
  };
  Object.defineProperty(Defined, "name", { value: definition.type });
  return Defined as unknown as ScheduleClass<F, LRScheduler<OptionsOf<F>>, T, Family>;
}

/** Any class made by `defineSchedule` (the registry takes every one). */
export interface AnyScheduleClass {
  new (optimizer: Optimizer, options: never): LRScheduler<object>;
  readonly schedulerType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly definition: ScheduleDefinition<any, string, string>;
}

/** The options a scheduler class's constructor takes (camelCase keys), e.g. `SchedulerOptions<typeof StepLR>`. */
export type SchedulerOptions<C> = C extends { readonly definition: ScheduleDefinition<infer F, string, string> } ? OptionsInputOf<F> : never;
