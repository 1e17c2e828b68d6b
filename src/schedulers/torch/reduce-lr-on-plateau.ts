import { StepError, describeValue } from "../../core/errors.js";
import { encodeNumber } from "../../core/json.js";
import type { Optimizer } from "../../core/optimizer.js";
import { expandPerGroup } from "../../core/options.js";
import { LRScheduler, type RestoredState } from "../../core/scheduler.js";
import { nonNegativeInt, nonNegativeNumber, numberIn, oneOf, perGroup, lazySchema } from "../../core/schema.js";
import { StateReader } from "../../core/state.js";
import * as z from "zod/mini";

export interface ReduceLROnPlateauOptions {
  /** `"min"` (default): the metric should fall; `"max"`: it should rise. */
  mode?: "min" | "max";
  /** Each cut multiplies the lr by this, in [0, 1). Default 0.1. */
  factor?: number;
  /** Bad steps tolerated before a cut. Default 10. */
  patience?: number;
  /** How much better a metric must be to count as an improvement. Default 1e-4. */
  threshold?: number;
  /** `"rel"` (default): relative to the best; `"abs"`: absolute. */
  thresholdMode?: "rel" | "abs";
  /** Steps after a cut during which bad steps are not counted. Default 0. */
  cooldown?: number;
  /** Floor of the lr, one value or one per group. Default 0. */
  minLr?: number | number[];
  /** A cut smaller than this is skipped. Default 1e-8. */
  eps?: number;
}

interface ReduceLROnPlateauResolved {
  minLrs: number[];
  /** The single `minLr` the caller gave (PyTorch's `default_min_lr`), undefined for a list. */
  defaultMinLr: number | undefined;
  /** The starting `best`: the worst value for the mode. */
  modeWorse: number;
}

/** The metric state besides the counter and the lrs. */
interface PlateauState {
  best: number;
  numBadEpochs: number;
  cooldownCounter: number;
}

/**
 * PyTorch's `ReduceLROnPlateau`: `step(metric)` cuts every group's lr by `factor` once the metric
 * has not improved for more than `patience` steps. The lr depends on the metrics seen, not on a
 * step counter, so there is no closed form: `scheduleAt(i, t)` returns the current lr whatever `t`,
 * and the state (best metric, counters, lrs) travels in the state dict.
 * @example
 * const scheduler = new ReduceLROnPlateau(optimizer, { mode: "min", factor: 0.5, patience: 3 });
 * for (let epoch = 0; epoch < 100; epoch++) { train(); scheduler.step(validationLoss()); }
 */
export class ReduceLROnPlateau extends LRScheduler<ReduceLROnPlateauOptions, ReduceLROnPlateauResolved> {
  static readonly schedulerType = "ReduceLROnPlateau";
  static readonly optionsSchema = /* @__PURE__ */ lazySchema(() => ({
    mode: z.optional(oneOf(["min", "max"])),
    factor: z.optional(numberIn(0, 1, { maxOpen: true })),
    patience: z.optional(nonNegativeInt()),
    threshold: z.optional(nonNegativeNumber()),
    thresholdMode: z.optional(oneOf(["rel", "abs"])),
    cooldown: z.optional(nonNegativeInt()),
    minLr: z.optional(perGroup(nonNegativeNumber(), "a finite number >= 0")),
    eps: z.optional(nonNegativeNumber()),
  }));

  /** The best metric so far (starts at the worst value for the mode, so the first metric always improves). */
  best: number = this.resolved.modeWorse;
  /** Consecutive steps without improvement. */
  numBadEpochs = 0;
  /** Steps of cooldown left. */
  cooldownCounter = 0;

  constructor(optimizer: Optimizer, options?: ReduceLROnPlateauOptions) {
    super(optimizer, options);
  }

  protected override resolve(options: ReduceLROnPlateauOptions, optimizer: Optimizer): ReduceLROnPlateauResolved {
    const minLr = options.minLr ?? 0;
    return {
      minLrs: expandPerGroup(minLr, optimizer.paramGroups.length, ReduceLROnPlateau.schedulerType, "min_lr"),
      defaultMinLr: Array.isArray(minLr) ? undefined : minLr,
      modeWorse: options.mode === "max" ? -Infinity : Infinity,
    };
  }

  /** No lr is written at construction; the base lrs are the groups' lrs as found. */
  protected override initialBaseLrs(): number[] {
    return this.optimizer.paramGroups.map((g) => g.lr);
  }

  protected override initialize(): void {}

  override get isClosedForm(): boolean {
    return false;
  }

  /** The current lr of group `i`: the schedule has no closed form over steps, so `t` is not used. */
  protected lrAt(i: number, _t: number): number {
    return this.lastLr[i]!;
  }

  /**
   * Records one metric (PyTorch's `step(metrics)`), cutting the lrs when it has not improved for
   * more than `patience` steps. NaN never counts as an improvement.
   * @param metric the monitored value, e.g. the validation loss
   * @param epoch PyTorch's deprecated explicit counter
   */
  override step(metric?: number, epoch?: number): void {
    const groups = this.optimizer.paramGroups;
    const r = this.resolved;
    if (typeof metric !== "number") {
      throw new StepError(this.type, this.lastEpoch + 1, `step(metric) needs the monitored metric as a number; got ${describeValue(metric)}`);
    }
    if (epoch !== undefined && (typeof epoch !== "number" || !Number.isFinite(epoch))) {
      throw new StepError(this.type, this.lastEpoch, `the explicit epoch must be a finite number; got ${describeValue(epoch)}`);
    }
    if (groups.length !== r.minLrs.length && r.defaultMinLr === undefined) {
      throw new StepError(this.type, this.lastEpoch + 1, `the optimizer has ${groups.length} param groups but min_lr lists ${r.minLrs.length}`);
    }
    this.lastEpoch = epoch ?? this.lastEpoch + 1;
    if (this.isBetter(metric)) {
      this.best = metric;
      this.numBadEpochs = 0;
    } else this.numBadEpochs += 1;
    if (this.cooldownCounter > 0) {
      this.cooldownCounter -= 1;
      this.numBadEpochs = 0; // bad steps during cooldown are ignored
    }
    if (this.numBadEpochs > (this.options.patience ?? 10)) {
      this.reduceLr();
      this.cooldownCounter = this.options.cooldown ?? 0;
      this.numBadEpochs = 0;
    }
    for (let i = 0; i < groups.length; i++) this.lastLr[i] = groups[i]!.lr;
  }

  /** PyTorch's comparisons, so a NaN metric (every comparison false) is never better. */
  private isBetter(metric: number): boolean {
    const threshold = this.options.threshold ?? 1e-4;
    const rel = (this.options.thresholdMode ?? "rel") === "rel";
    if ((this.options.mode ?? "min") === "min") return rel ? metric < this.best * (1.0 - threshold) : metric < this.best - threshold;
    return rel ? metric > this.best * (threshold + 1.0) : metric > this.best + threshold;
  }

  private reduceLr(): void {
    const factor = this.options.factor ?? 0.1;
    const eps = this.options.eps ?? 1e-8;
    const groups = this.optimizer.paramGroups;
    const r = this.resolved;
    for (let i = 0; i < groups.length; i++) {
      const group = groups[i]!;
      const floor = r.minLrs[i] ?? r.defaultMinLr!;
      const cut = group.lr * factor;
      const next = floor > cut ? floor : cut; // Python's max(cut, floor)
      if (group.lr - next > eps) group.lr = next;
    }
  }

  protected override extraState(): Record<string, unknown> {
    return { best: encodeNumber(this.best), numBadEpochs: this.numBadEpochs, cooldownCounter: this.cooldownCounter };
  }

  protected override readExtraState(reader: StateReader): PlateauState {
    return readPlateauState(reader, "best", "numBadEpochs", "cooldownCounter");
  }

  protected override commitExtraState(extra: unknown): void {
    const state = extra as PlateauState;
    this.best = state.best;
    this.numBadEpochs = state.numBadEpochs;
    this.cooldownCounter = state.cooldownCounter;
  }

  /** Ours must carry finite `lastLr`: they are what the groups get back. */
  protected override readOwnState(value: unknown): RestoredState<ReduceLROnPlateauOptions, ReduceLROnPlateauResolved> {
    const state = super.readOwnState(value);
    const reader = StateReader.of(this.type, value);
    return { ...state, lastLr: reader.numbers("lastLr", this.optimizer.paramGroups.length) };
  }

  /**
   * PyTorch's dict: the options under their own names, `min_lrs`/`default_min_lr`, `best` (maybe
   * "Infinity"), `num_bad_epochs`, `cooldown_counter`, `last_epoch` and `_last_lr`; no `base_lrs`.
   */
  protected override readReferenceState(value: unknown): RestoredState<ReduceLROnPlateauOptions, ReduceLROnPlateauResolved> {
    const reader = StateReader.of(this.type, value);
    const groups = this.optimizer.paramGroups.length;
    const raw: Record<string, unknown> = { ...this.options, ...this.referenceOptions(reader) };
    if (reader.has("min_lrs")) {
      const minLrs = reader.numbers("min_lrs", groups);
      const single = reader.raw("default_min_lr");
      raw.minLr = typeof single === "number" && minLrs.every((m) => m === single) ? single : minLrs;
    }
    const { options, resolved } = this.readOptions(raw, "");
    return {
      options,
      resolved,
      baseLrs: this.baseLrs.slice(),
      lastEpoch: reader.number("last_epoch", { integer: true }),
      lastLr: reader.numbers("_last_lr", groups),
      extra: readPlateauState(reader, "best", "num_bad_epochs", "cooldown_counter"),
    };
  }

  /** The groups get back the lrs of the checkpoint. */
  protected override applyRestored(state: RestoredState<ReduceLROnPlateauOptions, ReduceLROnPlateauResolved>): void {
    const groups = this.optimizer.paramGroups;
    const lrs = state.lastLr ?? this.lastLr;
    for (let i = 0; i < groups.length; i++) {
      groups[i]!.lr = lrs[i]!;
      this.lastLr[i] = lrs[i]!;
    }
  }
}

function readPlateauState(reader: StateReader, best: string, bad: string, cooldown: string): PlateauState {
  const value = reader.number(best, { allowNonFinite: true });
  if (Number.isNaN(value)) reader.fail(best, "a number or ±Infinity (not NaN)");
  return {
    best: value,
    numBadEpochs: reader.number(bad, { integer: true, min: 0 }),
    cooldownCounter: reader.number(cooldown, { integer: true, min: 0 }),
  };
}
