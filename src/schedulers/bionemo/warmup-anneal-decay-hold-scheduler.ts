/**
 * BioNeMo's `WarmupAnnealDecayHoldScheduler`: a config object holding the schedule's settings with
 * BioNeMo's defaults, whose `scheduler(optimizer)` builds the `WarmupAnnealDecayHold` and returns it
 * in the shape a Lightning-style trainer reads (`{ optimizer, lrScheduler: { scheduler, interval,
 * frequency }, monitor }`).
 */
import * as z from "zod/mini";
import { InvalidOptionError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import { parseOptions, pythonName, type OptionsInputOf } from "../../core/options.js";
import { nonNegativeInt, nonNegativeNumber, oneOf, positiveInt, withDefault } from "../../core/schema.js";
import { WarmupAnnealDecayHold, decayLengthProblem } from "./warmup-anneal-decay-hold.js";

const TYPE = "WarmupAnnealDecayHoldScheduler";

const configFields = () => ({
  warmupSteps: withDefault(nonNegativeInt(), 2000),
  maxSteps: withDefault(nonNegativeInt(), 500_000),
  maxLr: withDefault(nonNegativeNumber(), 4e-4),
  minLr: withDefault(nonNegativeNumber(), 4e-5),
  annealPercentage: withDefault(nonNegativeNumber(), 0.1),
  /** When the trainer steps the scheduler: after every optimizer "step" or at each "epoch" end. */
  interval: withDefault(oneOf(["step", "epoch"] as const), "step"),
  /** Steps (or epochs) between two `scheduler.step()` calls. */
  frequency: withDefault(positiveInt(), 1),
  /** The metric a plateau-driven scheduler would watch. */
  monitor: withDefault(z.custom<string>((v) => typeof v === "string" && v !== "", { error: "a metric name (a non-empty string)" }), "val_loss"),
});

/** BioNeMo's keyword arguments, camelCase or snake_case; every one has BioNeMo's default. */
export type WarmupAnnealDecayHoldSchedulerOptions = OptionsInputOf<ReturnType<typeof configFields>>;

/** What `scheduler(optimizer)` returns (BioNeMo's `SchedulerOutput`, camelCase). */
export interface WarmupAnnealDecayHoldSchedulerOutput<O extends Optimizer = Optimizer> {
  optimizer: O;
  lrScheduler: { scheduler: WarmupAnnealDecayHold; interval: "step" | "epoch"; frequency: number };
  monitor: string;
}

/**
 * BioNeMo's config object around `WarmupAnnealDecayHold`, with BioNeMo's defaults (2000 warmup
 * steps, 500000 steps, max lr 4e-4, min lr 4e-5, anneal 0.1, interval "step", frequency 1,
 * monitor "val_loss").
 * @example
 * const config = new WarmupAnnealDecayHoldScheduler({ warmupSteps: 500, maxSteps: 20_000 });
 * const { lrScheduler } = config.scheduler(optimizer); // { scheduler, interval: "step", frequency: 1 }
 */
export class WarmupAnnealDecayHoldScheduler {
  readonly warmupSteps: number;
  readonly maxSteps: number;
  readonly maxLr: number;
  readonly minLr: number;
  readonly annealPercentage: number;
  readonly interval: "step" | "epoch";
  readonly frequency: number;
  readonly monitor: string;

  /**
   * @param options BioNeMo's keyword arguments, camelCase or snake_case
   * @throws InvalidOptionError for a bad value, or `max_steps == warmup_steps` (checked here, before any optimizer exists)
   */
  constructor(options: WarmupAnnealDecayHoldSchedulerOptions = {}) {
    const { options: o, spelled } = parseOptions(configFields(), options, TYPE);
    const problem = decayLengthProblem(o.warmupSteps, o.maxSteps);
    if (problem !== undefined) throw new InvalidOptionError(TYPE, spelled.maxSteps ?? pythonName("maxSteps"), o.maxSteps, problem);
    this.warmupSteps = o.warmupSteps;
    this.maxSteps = o.maxSteps;
    this.maxLr = o.maxLr;
    this.minLr = o.minLr;
    this.annealPercentage = o.annealPercentage;
    this.interval = o.interval;
    this.frequency = o.frequency;
    this.monitor = o.monitor;
  }

  /** Builds the schedule on `optimizer` and returns it with the trainer settings. */
  scheduler<O extends Optimizer>(optimizer: O): WarmupAnnealDecayHoldSchedulerOutput<O> {
    const { warmupSteps, maxSteps, maxLr, minLr, annealPercentage } = this;
    const scheduler = new WarmupAnnealDecayHold(optimizer, { warmupSteps, maxSteps, maxLr, minLr, annealPercentage });
    return { optimizer, lrScheduler: { scheduler, interval: this.interval, frequency: this.frequency }, monitor: this.monitor };
  }
}
