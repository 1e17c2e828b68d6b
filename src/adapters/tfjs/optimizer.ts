/**
 * `tfjsOptimizer(optimizer)`: one TF.js optimizer seen as our `Optimizer` with one param group.
 * The group's `lr`, `momentum` and `betas` are accessors: a scheduler's plain writes land in the
 * TF.js optimizer at once, each in the way that optimizer really reads its hyper-parameters
 * (tfjs-core 4.x):
 * - SGD and Momentum multiply by a cached scalar tensor that only `setLearningRate()` rebuilds;
 * - Momentum also caches its momentum as a scalar that `setMomentum()` does not rebuild, so the
 *   accessor rebuilds it itself, or cycled momentum would never reach the update;
 * - Adam, Adamax, RMSProp, Adagrad and Adadelta read their plain fields on every update.
 * The accessors only compare and assign numbers; a TF.js scalar is made only when a cached value changes.
 */
import { keep, scalar } from "@tensorflow/tfjs";
import { InvalidOptimizerError, type Optimizer, type ParamGroup } from "../../index.js";

const WHO = "tfjsOptimizer";

/** The TF.js optimizer classes this adapter knows, by `getClassName()` (the same in every copy of tfjs-core). */
export const TFJS_OPTIMIZER_KINDS = ["SGD", "Momentum", "Adam", "Adamax", "RMSProp", "Adagrad", "Adadelta"] as const;
export type TfjsOptimizerKind = (typeof TFJS_OPTIMIZER_KINDS)[number];

/** The part of a `tf.train.*` optimizer the adapter touches (fields are protected in tfjs-core's typings). */
export interface TfjsOptimizerLike {
  getClassName(): string;
  applyGradients(...args: never[]): unknown;
}

/** What the adapter reads and writes inside a TF.js optimizer. */
interface TfjsInternals {
  learningRate: number;
  momentum?: number;
  beta1?: number;
  beta2?: number;
  decay?: number;
  /** Momentum's cached momentum scalar. */
  m?: { dispose(): void };
  setLearningRate?(lr: number): void;
  setMomentum?(momentum: number): void;
}

export interface TfjsOptimizerOptions {
  /**
   * Adamax divides its lr by `1 + decay * iteration` on its own, which stacks on any schedule.
   * An Adamax with `decay != 0` is refused unless this is true.
   */
  allowAdamaxDecay?: boolean;
}

/** Our optimizer view of a TF.js optimizer; `tfjs` is the wrapped object and `kind` its class name. */
export interface TfjsOptimizer extends Optimizer {
  readonly tfjs: TfjsOptimizerLike;
  readonly kind: TfjsOptimizerKind;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Refuses a value that would poison training; a scheduler never produces one, so this guards foreign writers. */
function finite(field: string, value: number): number {
  if (!isFiniteNumber(value)) throw new InvalidOptimizerError(WHO, field, value, "a finite number");
  return value;
}

function readKind(optimizer: unknown): TfjsOptimizerKind {
  if (typeof optimizer !== "object" || optimizer === null || typeof (optimizer as TfjsOptimizerLike).getClassName !== "function") {
    throw new InvalidOptimizerError(WHO, "optimizer", optimizer, "a tf.train.* optimizer (an object with getClassName())");
  }
  const name = (optimizer as TfjsOptimizerLike).getClassName();
  if (!(TFJS_OPTIMIZER_KINDS as readonly string[]).includes(name)) {
    throw new InvalidOptimizerError(WHO, "getClassName()", name, `one of ${TFJS_OPTIMIZER_KINDS.join(", ")} (the tf.train optimizers whose hyper-parameters this adapter knows how to set)`);
  }
  return name as TfjsOptimizerKind;
}

function checkFields(tf: TfjsInternals, kind: TfjsOptimizerKind, options: TfjsOptimizerOptions): void {
  const need = (field: keyof TfjsInternals) => {
    if (!isFiniteNumber(tf[field])) throw new InvalidOptimizerError(WHO, field, tf[field], "a finite number");
  };
  need("learningRate");
  if (kind === "SGD" || kind === "Momentum") {
    if (typeof tf.setLearningRate !== "function") throw new InvalidOptimizerError(WHO, "setLearningRate", tf.setLearningRate, "a function");
  }
  if (kind === "Momentum") {
    need("momentum");
    if (typeof tf.m?.dispose !== "function") throw new InvalidOptimizerError(WHO, "m", tf.m, "the cached momentum scalar of a tf.train.momentum optimizer");
  }
  if (kind === "RMSProp") need("momentum");
  if (kind === "Adam" || kind === "Adamax") {
    need("beta1");
    need("beta2");
  }
  if (kind === "Adamax" && tf.decay !== undefined && tf.decay !== 0 && !options.allowAdamaxDecay) {
    throw new InvalidOptimizerError(
      WHO,
      "decay",
      tf.decay,
      "0: Adamax divides the lr by 1 + decay * iteration itself, which would stack on the schedule (pass { allowAdamaxDecay: true } to keep both)",
    );
  }
}

/** Adam-style `[beta1, beta2]` whose elements read and write the optimizer's fields, so `betas[0] = x` reaches the update. */
function liveBetas(tf: TfjsInternals): number[] {
  const betas: number[] = [];
  Object.defineProperty(betas, 0, { enumerable: true, get: () => tf.beta1, set: (v: number) => void (tf.beta1 = finite("betas[0]", v)) });
  Object.defineProperty(betas, 1, { enumerable: true, get: () => tf.beta2, set: (v: number) => void (tf.beta2 = finite("betas[1]", v)) });
  return betas;
}

/** Rebuilds Momentum's cached momentum scalar: `setMomentum()` alone changes only the number that `getConfig()` reports. */
function setMomentumScalar(tf: TfjsInternals, momentum: number): void {
  if (momentum === tf.momentum) return;
  tf.setMomentum!(momentum);
  const old = tf.m!;
  tf.m = keep(scalar(momentum));
  old.dispose();
}

function makeGroup(tf: TfjsInternals, kind: TfjsOptimizerKind): ParamGroup {
  const group = {} as ParamGroup;
  const cachedLr = kind === "SGD" || kind === "Momentum";
  Object.defineProperty(group, "lr", {
    enumerable: true,
    get: () => tf.learningRate,
    set: (v: number) => {
      finite("paramGroups[0].lr", v);
      // SGD/Momentum rebuild a tensor on setLearningRate(); skip it when the value is unchanged.
      if (cachedLr) {
        if (v !== tf.learningRate) tf.setLearningRate!(v);
      } else tf.learningRate = v;
    },
  });
  if (kind === "Momentum" || kind === "RMSProp") {
    Object.defineProperty(group, "momentum", {
      enumerable: true,
      get: () => tf.momentum,
      set: (v: number) => {
        finite("paramGroups[0].momentum", v);
        if (kind === "Momentum") setMomentumScalar(tf, v);
        else tf.momentum = v;
      },
    });
  }
  if (kind === "Adam" || kind === "Adamax") {
    const betas = liveBetas(tf);
    Object.defineProperty(group, "betas", {
      enumerable: true,
      get: () => betas,
      // A scheduler that replaces the list instead of writing betas[0] still reaches the optimizer.
      set: (v: number[]) => {
        betas[0] = v[0]!;
        betas[1] = v[1]!;
      },
    });
  }
  return group;
}

/** The optimizer's constructor hyper-parameters, under PyTorch's names, as schedulers that read `defaults` expect. */
function defaultsOf(tf: TfjsInternals, kind: TfjsOptimizerKind): Record<string, unknown> {
  const defaults: Record<string, unknown> = { lr: tf.learningRate };
  if (kind === "Momentum" || kind === "RMSProp") defaults.momentum = tf.momentum;
  if (kind === "Adam" || kind === "Adamax") defaults.betas = [tf.beta1, tf.beta2];
  return defaults;
}

/** One view per TF.js optimizer: schedulers of the same optimizer must share it to compose (withPlateau, chained schedules). */
const views = new WeakMap<object, TfjsOptimizer>();

/**
 * Wraps a `tf.train.*` optimizer (sgd, momentum, adam, adamax, rmsprop, adagrad, adadelta) so that
 * any scheduler of this library drives it. Pass the same optimizer to `model.compile()` (or give it
 * `model.optimizer`). Every call with the same TF.js optimizer returns the same view, so schedulers
 * built on it compose as on one PyTorch optimizer.
 * @throws InvalidOptimizerError for another class, a missing field, or Adamax with its own decay
 * @example
 * const optimizer = tf.train.sgd(0.1);
 * model.compile({ optimizer, loss: "meanSquaredError" });
 * const scheduler = new StepLR(tfjsOptimizer(optimizer), { stepSize: 10, gamma: 0.5 });
 */
export function tfjsOptimizer(optimizer: TfjsOptimizerLike, options: TfjsOptimizerOptions = {}): TfjsOptimizer {
  const kind = readKind(optimizer);
  const tf = optimizer as unknown as TfjsInternals;
  checkFields(tf, kind, options);
  let view = views.get(optimizer);
  if (view === undefined) views.set(optimizer, (view = { tfjs: optimizer, kind, paramGroups: [makeGroup(tf, kind)], defaults: defaultsOf(tf, kind) }));
  return view;
}
