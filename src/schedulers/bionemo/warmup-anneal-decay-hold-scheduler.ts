/**
 * BioNeMo's `WarmupAnnealDecayHoldScheduler`: a config object holding the schedule's settings with
 * BioNeMo's defaults, whose `scheduler(optimizer)` builds the `WarmupAnnealDecayHold` and returns it
 * in the shape a Lightning-style trainer reads (`{ optimizer, lrScheduler: { scheduler, interval,
 * frequency }, monitor }`).
 */
import type { Optimizer } from "../../core/optimizer.js";
import { parseOptions, respellOptionError } from "../../core/options.js";
import { nonNegativeInt, nonNegativeNumber, oneOf, positiveInt, lazySchema } from "../../core/schema.js";
import * as z from "zod/mini";
import { WarmupAnnealDecayHold, checkDecayLength } from "./warmup-anneal-decay-hold.js";

export interface WarmupAnnealDecayHoldSchedulerOptions {
  /** Default 2000. */
  warmupSteps?: number;
  /** Default 500000. */
  maxSteps?: number;
  /** Default 4e-4. */
  maxLr?: number;
  /** Default 4e-5. */
  minLr?: number;
  /** Default 0.1. */
  annealPercentage?: number;
  /** When the trainer steps the scheduler: after every optimizer "step" (the default) or at each "epoch" end. */
  interval?: "step" | "epoch";
  /** Steps (or epochs) between two `scheduler.step()` calls. Default 1. */
  frequency?: number;
  /** The metric a plateau-driven scheduler would watch. Default "val_loss". */
  monitor?: string;
}

/** What `scheduler(optimizer)` returns (BioNeMo's `SchedulerOutput`, camelCase). */
export interface WarmupAnnealDecayHoldSchedulerOutput<O extends Optimizer = Optimizer> {
  optimizer: O;
  lrScheduler: { scheduler: WarmupAnnealDecayHold; interval: "step" | "epoch"; frequency: number };
  monitor: string;
}

const TYPE = "WarmupAnnealDecayHoldScheduler";

const schedulerConfigSchema = /* @__PURE__ */ lazySchema(() => ({
  warmupSteps: z.optional(nonNegativeInt()),
  maxSteps: z.optional(positiveInt()),
  maxLr: z.optional(nonNegativeNumber()),
  minLr: z.optional(nonNegativeNumber()),
  annealPercentage: z.optional(nonNegativeNumber()),
  interval: z.optional(oneOf(["step", "epoch"] as const)),
  frequency: z.optional(positiveInt()),
  monitor: z.optional(z.custom<string>((v) => typeof v === "string" && v !== "", { error: "a metric name (a non-empty string)" })),
}));

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
   * @param options BioNeMo's keyword arguments, camelCase or snake_case; every one has BioNeMo's default
   * @throws InvalidOptionError for a bad value, or `max_steps <= warmup_steps` (checked here, before any optimizer exists)
   */
  constructor(options: WarmupAnnealDecayHoldSchedulerOptions = {}) {
    const o = parseOptions(schedulerConfigSchema, options, TYPE);
    this.warmupSteps = o.warmupSteps ?? 2000;
    this.maxSteps = o.maxSteps ?? 500_000;
    this.maxLr = o.maxLr ?? 4e-4;
    this.minLr = o.minLr ?? 4e-5;
    this.annealPercentage = o.annealPercentage ?? 0.1;
    this.interval = o.interval ?? "step";
    this.frequency = o.frequency ?? 1;
    this.monitor = o.monitor ?? "val_loss";
    try {
      checkDecayLength(TYPE, this.warmupSteps, this.maxSteps);
    } catch (error) {
      throw respellOptionError(error, options);
    }
  }

  /** Builds the schedule on `optimizer` and returns it with the trainer settings. */
  scheduler<O extends Optimizer>(optimizer: O): WarmupAnnealDecayHoldSchedulerOutput<O> {
    return {
      optimizer,
      lrScheduler: { scheduler: new WarmupAnnealDecayHold(optimizer, this.scheduleOptions()), interval: this.interval, frequency: this.frequency },
      monitor: this.monitor,
    };
  }

  private scheduleOptions() {
    const { warmupSteps, maxSteps, maxLr, minLr, annealPercentage } = this;
    return { warmupSteps, maxSteps, maxLr, minLr, annealPercentage };
  }
}
