/**
 * The types of `createScheduler`'s configs: a literal `type` picks the class, and `params` are that
 * class's options under any spelling the library accepts (camelCase, snake_case, PyTorch's `T_max`).
 * Types only: nothing here is emitted.
 */
import type { ScheduleDefinition } from "./core/schedule.js";
import type { SchedulerOptions } from "./core/define.js";
import type * as torch from "./schedulers/torch/index.js";
import type * as deepspeed from "./schedulers/deepspeed/index.js";
import type * as megatron from "./schedulers/megatron/index.js";
import type * as bionemo from "./schedulers/bionemo/index.js";
import type * as transformers from "./schedulers/transformers/index.js";
import type * as sambaflow from "./schedulers/sambaflow/index.js";
import type * as extensions from "./schedulers/extensions/index.js";
import type * as keras from "./schedulers/keras/index.js";
import type * as timm from "./schedulers/timm/index.js";
import type * as optax from "./schedulers/optax/index.js";

/**
 * Schedules registered with `registerScheduler` that `createScheduler` should type: declare them by
 * augmenting this interface.
 * @example
 * declare module "lr-schedulers" {
 *   interface RegisteredSchedulers { HalvingLR: typeof HalvingLR }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface RegisteredSchedulers {}

interface ScheduleClassLike {
  readonly schedulerType: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  readonly definition: ScheduleDefinition<any, string, string>;
  new (...args: never[]): unknown;
}

type ClassesOf<M> = { [K in keyof M]: M[K] extends ScheduleClassLike ? M[K] : never }[keyof M];
type Builtin =
  | ClassesOf<typeof torch>
  | ClassesOf<typeof deepspeed>
  | ClassesOf<typeof megatron>
  | ClassesOf<typeof bionemo>
  | ClassesOf<typeof transformers>
  | ClassesOf<typeof sambaflow>
  | ClassesOf<typeof extensions>
  | ClassesOf<typeof keras>
  | ClassesOf<typeof timm>
  | ClassesOf<typeof optax>;

/** A class's type name, where it is a literal (a definition built under a name given at run time has none). */
type NameOf<C> = C extends { readonly schedulerType: infer T extends string } ? (string extends T ? never : T) : never;
type FamilyOf<C> = C extends { readonly definition: { readonly family: infer F extends string } } ? F : never;
type Bare<T extends string, F extends string> = T extends `${F}.${infer N}` ? N : T;

/** Every class `createScheduler` can build, by each name it takes (`"StepLR"`, `"torch.StepLR"`). */
export type SchedulerClasses = { [C in Builtin as NameOf<C>]: C } & { [C in Builtin as `${FamilyOf<C>}.${Bare<NameOf<C>, FamilyOf<C>>}`]: C } & RegisteredSchedulers;

/** Built-in types that are factories rather than classes (name dispatchers): their params are not typed further. */
export type FactorySchedulerType = "get_scheduler" | "transformers.get_scheduler" | "create_scheduler_v2" | "timm.create_scheduler_v2";

/** Every type name `createScheduler` knows at compile time. */
export type SchedulerType = (keyof SchedulerClasses & string) | FactorySchedulerType;

type Digit = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
type IsLowerLetter<C extends string> = C extends Lowercase<C> ? (C extends Uppercase<C> ? false : true) : false;
/** `stepSize` -> `step_size`, `t0` -> `t_0`, as the library's own `toSnakeCase`. */
type Snake<S extends string, Prev extends string = ""> = S extends `${infer H}${infer T}`
  ? `${H extends Digit ? (IsLowerLetter<Prev> extends true ? `_${H}` : H) : H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${Snake<T, H>}`
  : S;
/** PyTorch's capitalised spelling, `tMax` -> `T_max`, where the key starts with one lowercase letter. */
type Python<K extends string> = K extends `${infer A}${infer B}${string}`
  ? IsLowerLetter<A> extends true
    ? B extends Digit
      ? Capitalize<Snake<K>>
      : B extends Uppercase<B>
        ? IsLowerLetter<B> extends false
          ? Capitalize<Snake<K>>
          : Snake<K>
        : Snake<K>
    : Snake<K>
  : Snake<K>;
type Spellings<K extends string> = K | Snake<K> | Python<K>;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type RequiredKeys<O> = { [K in keyof O]-?: {} extends Pick<O, K> ? never : K }[keyof O] & string;
type OptionalKeys<O> = Exclude<keyof O & string, RequiredKeys<O>>;

/** One required option under one of its spellings (a union), boxed so that intersecting keys keeps each union whole. */
type Alternatives<O, K extends keyof O & string> = { box: { [P in Spellings<K>]: { [Q in P]: O[K] } }[Spellings<K>] };
type RequiredSpelled<O> = [RequiredKeys<O>] extends [never]
  ? unknown
  : UnionToIntersection<RequiredKeys<O> extends infer K ? (K extends keyof O & string ? Alternatives<O, K> : never) : never> extends { box: infer B }
    ? B
    : never;

/** Options under any accepted spelling: each required one under one of its spellings, each optional one under any. */
export type Spelled<O> = RequiredSpelled<O> & {
  [K in OptionalKeys<O> as Spellings<K>]?: O[K];
};

/** The `params` of a type, under any accepted spelling; sub-schedulers may be `{ type, params }` configs. */
export type ParamsOf<T extends SchedulerType> = T extends keyof SchedulerClasses ? Spelled<WithConfigs<SchedulerOptions<SchedulerClasses[T]>>> : Record<string, unknown>;

/** Options that hold sub-schedulers also take configs in `createScheduler`. */
type WithConfigs<O> = { [K in keyof O]: O[K] extends { readonly optimizer: unknown } ? O[K] | AnyConfig : O[K] extends readonly { readonly optimizer: unknown }[] ? (O[K][number] | AnyConfig)[] : O[K] };
type AnyConfig = { type: string; params?: Record<string, unknown> };

/** The scheduler a type builds. */
export type SchedulerOf<T extends SchedulerType> = T extends keyof SchedulerClasses ? InstanceType<SchedulerClasses[T]> : import("./core/engine.js").LRScheduler;

/** A config for a type known at compile time. */
export interface TypedConfig<T extends SchedulerType> {
  type: T;
  params?: ParamsOf<T>;
}

/** Whether a string type is one or more literals (`"StepLR"`), not `string` or a pattern (`` `torch.${string}` ``). */
type IsLiteral<T extends string> = string extends T ? false : {} extends Record<T, 1> ? false : true;

/**
 * A config whose type or params are only known at run time (read from JSON, a ds_config.json,
 * Keras' `{ class_name, config }`, params typed `Record<string, unknown>`). A literal `type` with
 * literal params goes through the typed overload instead, so that a misspelled type or option is
 * refused at compile time.
 */
export type UntypedConfig<C> = C extends { type: infer T extends string }
  ? IsLiteral<T> extends false
    ? C
    : T extends SchedulerType
      ? C extends { params: infer P }
        ? string extends keyof P
          ? C
          : TypedConfig<T>
        : TypedConfig<T>
      : { type: SchedulerType }
  : C;
