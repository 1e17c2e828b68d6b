/**
 * timm's `create_scheduler_v2(optimizer, sched, num_epochs, ...)`: builds one of the six timm
 * schedulers from epoch-based settings and returns it with the number of epochs to train.
 */
import * as z from "zod/mini";
import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { parseOptions, pythonName, type OptionsInputOf, type Spelling } from "../../core/options.js";
import type { SchedulerFactory } from "../../core/registry.js";
import { bool, listOf, num, oneOf, perGroup, withDefault } from "../../core/schema.js";
import { recordNumEpochs } from "./base.js";
import { CosineLRScheduler } from "./cosine-lr.js";
import { MultiStepLRScheduler } from "./multistep-lr.js";
import { PlateauLRScheduler } from "./plateau-lr.js";
import { PolyLRScheduler } from "./poly-lr.js";
import { StepLRScheduler } from "./step-lr.js";
import { TanhLRScheduler } from "./tanh-lr.js";
import { floorDivide } from "./python.js";

const TYPE = "create_scheduler_v2";
const SCHEDS = ["cosine", "tanh", "step", "multistep", "plateau", "poly"] as const;

const numberOrList = () =>
  z.custom<number | number[]>((v) => (typeof v === "number" && Number.isFinite(v)) || (Array.isArray(v) && v.every((x) => typeof x === "number" && Number.isFinite(x))), {
    error: "null, a number or a list of numbers (fractions of the schedule's length)",
  });

const factoryOptions = () => ({
  /** Which scheduler: cosine, tanh, step, multistep, plateau or poly. */
  sched: withDefault(oneOf(SCHEDS), "cosine"),
  numEpochs: withDefault(num(), 300),
  decayEpochs: withDefault(num(), 90),
  decayMilestones: withDefault(listOf(num(), "a list of numbers (epochs)"), [90, 180, 270]),
  cooldownEpochs: withDefault(num(), 0),
  patienceEpochs: withDefault(num(), 10),
  /** The decay factor; for "poly", the polynomial's power. */
  decayRate: withDefault(num(), 0.1),
  minLr: withDefault(perGroup(num(), "a finite number"), 0 as number | number[]),
  /** The warmup's start (used only with `warmup_epochs > 0`). */
  warmupLr: withDefault(num(), 1e-5),
  warmupEpochs: withDefault(num(), 0),
  warmupPrefix: withDefault(bool(), false),
  /** Noise range in fractions of the schedule's length: a start, or [start, end]. */
  noise: z._default(z.nullable(numberOrList()), null),
  noisePct: withDefault(num(), 0.67),
  noiseStd: withDefault(num(), 1),
  noiseSeed: z._default(z.nullable(num()), 42),
  cycleMul: withDefault(num(), 1),
  /** Note: 0.1 here, 1 in the classes. */
  cycleDecay: withDefault(num(), 0.1),
  cycleLimit: withDefault(num(), 1),
  kDecay: withDefault(num(), 1),
  /** PlateauLRScheduler's mode (checked only for "plateau"). */
  plateauMode: withDefault(z.custom<string>((v) => typeof v === "string", { error: "a string (min or max)" }), "max"),
  /** true: the schedule moves on `step(epoch)`; false: on `stepUpdate(numUpdates)`, every epoch count times `updates_per_epoch`. */
  stepOnEpochs: withDefault(bool(), true),
  updatesPerEpoch: withDefault(num(), 0),
});

/** `create_scheduler_v2`'s keyword arguments (camelCase or timm's snake_case). */
export type CreateSchedulerV2Options = OptionsInputOf<ReturnType<typeof factoryOptions>>;

/** A scheduler `createSchedulerV2` builds. */
export type TimmSchedulerInstance = CosineLRScheduler | TanhLRScheduler | StepLRScheduler | MultiStepLRScheduler | PlateauLRScheduler | PolyLRScheduler;

/** The class options each factory option feeds, to name the factory's option when a class refuses a value. */
const FED_BY: Readonly<Record<string, string>> = {
  tInitial: "numEpochs",
  lrMin: "minLr",
  warmupT: "warmupEpochs",
  warmupLrInit: "warmupLr",
  warmupPrefix: "warmupPrefix",
  tInEpochs: "stepOnEpochs",
  noiseRangeT: "noise",
  noisePct: "noisePct",
  noiseStd: "noiseStd",
  noiseSeed: "noiseSeed",
  cycleMul: "cycleMul",
  cycleDecay: "cycleDecay",
  cycleLimit: "cycleLimit",
  kDecay: "kDecay",
  decayRate: "decayRate",
  power: "decayRate",
  patienceT: "patienceEpochs",
  mode: "plateauMode",
};

function asFactoryError(error: unknown, spelled: Spelling, decayT: string): never {
  if (!(error instanceof InvalidOptionError)) throw error;
  const head = /^[A-Za-z]+/.exec(error.option)?.[0] ?? error.option;
  const option = head === "decayT" ? decayT : FED_BY[head];
  if (option === undefined) throw error;
  const name = spelled[option] ?? pythonName(option);
  throw new InvalidOptionError(TYPE, name + error.option.slice(head.length), error.value, error.expected, error.code as "invalid-option");
}

/**
 * timm's `create_scheduler_v2`: one of the six timm schedulers from epoch-based settings, and the
 * number of epochs to train (cosine, tanh, poly: the cycles' length plus `cooldown_epochs`; step,
 * multistep, plateau: `num_epochs`, plus `warmup_epochs` with `warmup_prefix`). With
 * `step_on_epochs: false` every epoch count is multiplied by `updates_per_epoch` and the schedule
 * moves on `stepUpdate`. Its defaults are its own: `cycle_decay` 0.1, `decay_rate` 0.1,
 * `warmup_lr` 1e-5, `num_epochs` 300, `plateau_mode` "max".
 * @throws InvalidOptionError naming the factory's option (an unknown `sched` included)
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const { scheduler, numEpochs } = createSchedulerV2(optimizer, { sched: "cosine", num_epochs: 10, warmup_epochs: 2, cooldown_epochs: 1 });
 * for (let epoch = 0; epoch < numEpochs; epoch++) scheduler.step(epoch + 1); // numEpochs is 11
 */
export function createSchedulerV2(optimizer: Optimizer, kwargs?: CreateSchedulerV2Options | Record<string, unknown>): { scheduler: TimmSchedulerInstance; numEpochs: number } {
  const { options: o, spelled } = parseOptions(factoryOptions(), kwargs, TYPE);
  const name = (key: string) => spelled[key] ?? pythonName(key);
  let tInitial = o.numEpochs;
  let warmupT = o.warmupEpochs;
  let decayT = o.decayEpochs;
  let milestones = o.decayMilestones;
  let cooldownT = o.cooldownEpochs;
  if (!o.stepOnEpochs) {
    const perEpoch = o.updatesPerEpoch;
    if (!(perEpoch > 0)) throw new InvalidOptionError(TYPE, name("updatesPerEpoch"), perEpoch, "> 0 when step_on_epochs is false (updates_per_epoch must be set to number of dataloader batches)");
    tInitial *= perEpoch;
    warmupT *= perEpoch;
    decayT *= perEpoch;
    milestones = milestones.map((d) => d * perEpoch);
    cooldownT *= perEpoch;
  }
  const noise = o.noise;
  const noiseRangeT = noise === null ? null : Array.isArray(noise) ? (noise.length === 1 ? noise[0]! * tInitial : noise.map((n) => n * tInitial)) : noise * tInitial;
  const warmup = { warmupLrInit: o.warmupLr, warmupT, warmupPrefix: o.warmupPrefix };
  const noiseArgs = { noiseRangeT, noisePct: o.noisePct, noiseStd: o.noiseStd, noiseSeed: o.noiseSeed };
  const cycle = { cycleMul: o.cycleMul, cycleDecay: o.cycleDecay, cycleLimit: o.cycleLimit };
  const common = { tInEpochs: o.stepOnEpochs, ...warmup, ...noiseArgs };
  let scheduler: TimmSchedulerInstance;
  try {
    switch (o.sched) {
      case "cosine":
        scheduler = new CosineLRScheduler(optimizer, { tInitial, lrMin: o.minLr as number, ...cycle, ...common, kDecay: o.kDecay });
        break;
      case "tanh":
        scheduler = new TanhLRScheduler(optimizer, { tInitial, lrMin: o.minLr as number, ...cycle, ...common });
        break;
      case "step":
        scheduler = new StepLRScheduler(optimizer, { decayT, decayRate: o.decayRate, ...common });
        break;
      case "multistep":
        scheduler = new MultiStepLRScheduler(optimizer, { decayT: milestones, decayRate: o.decayRate, ...common });
        break;
      case "plateau":
        if (!o.stepOnEpochs) throw new InvalidOptionError(TYPE, name("stepOnEpochs"), false, 'true for sched "plateau" (Plateau LR only supports step per epoch.)');
        scheduler = new PlateauLRScheduler(optimizer, {
          decayRate: o.decayRate,
          patienceT: o.patienceEpochs,
          cooldownT: 0,
          warmupLrInit: o.warmupLr,
          warmupT,
          lrMin: o.minLr,
          mode: o.plateauMode as "min" | "max",
          ...noiseArgs,
        });
        break;
      case "poly":
        scheduler = new PolyLRScheduler(optimizer, { power: o.decayRate, tInitial, lrMin: o.minLr as number, kDecay: o.kDecay, ...cycle, ...common });
        break;
    }
  } catch (error) {
    asFactoryError(error, spelled, o.sched === "multistep" ? "decayMilestones" : "decayEpochs");
  }
  let numEpochs = o.numEpochs;
  if (scheduler instanceof CosineLRScheduler || scheduler instanceof TanhLRScheduler || scheduler instanceof PolyLRScheduler) {
    const total = scheduler.getCycleLength() + cooldownT;
    numEpochs = o.stepOnEpochs ? total : floorDivide(total, o.updatesPerEpoch);
  } else if (o.warmupPrefix) numEpochs += o.warmupEpochs;
  recordNumEpochs(scheduler, numEpochs);
  return { scheduler, numEpochs };
}

/** `create_scheduler_v2` for `createScheduler`: the scheduler, with the epoch count as `scheduler.numEpochs`. */
export const createSchedulerV2Factory: SchedulerFactory = {
  type: TYPE,
  family: "timm",
  create: (optimizer, params) => createSchedulerV2(optimizer, params).scheduler,
};
