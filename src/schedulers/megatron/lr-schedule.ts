/**
 * The learning-rate half of Megatron-LM's `OptimizerParamScheduler.get_lr`, as closed forms of the
 * step counter `n` (`num_steps`). The settings are scheduler-wide; a group brings its own peak and
 * floor (`maxLr`, `minLr`). The arithmetic follows Megatron's operation order.
 */

/** Megatron's `lr_decay_style` values. */
export const LR_DECAY_STYLES = ["constant", "linear", "cosine", "inverse-square-root", "WSD"] as const;
/** Megatron's `lr_wsd_decay_style` values: the shape of the final anneal of `"WSD"`. */
export const LR_WSD_DECAY_STYLES = ["linear", "cosine", "exponential", "minus_sqrt"] as const;

export type LrDecayStyle = (typeof LR_DECAY_STYLES)[number];
export type LrWsdDecayStyle = (typeof LR_WSD_DECAY_STYLES)[number];

/** The scheduler-wide lr settings (validated options). */
export interface LrSettings {
  readonly initLr: number;
  readonly lrWarmupSteps: number;
  readonly lrDecaySteps: number;
  readonly lrDecayStyle: LrDecayStyle;
  readonly wsdDecaySteps?: number | null | undefined;
  readonly lrWsdDecayStyle?: LrWsdDecayStyle | null | undefined;
}

/**
 * The lr of every group as two closed forms: `shape(n)`, what the groups share at step `n`, and
 * `lr(maxLr, minLr, n, s)`, one group's lr given `s = shape(n)`.
 */
export interface LrSchedule {
  /** `sqrt(max(n, 1))` for `"inverse-square-root"`; else the share of `maxLr - minLr` left after the warmup. */
  readonly shape: (n: number) => number;
  readonly lr: (maxLr: number, minLr: number, n: number, s: number) => number;
}

/** The coefficient of the final anneal of `"WSD"` (flat at 1 until it starts, `lrDecaySteps - wsdDecaySteps`). */
function wsdShape(decaySteps: number, annealSteps: number, style: LrWsdDecayStyle | null | undefined): (n: number) => number {
  const annealStart = decaySteps - annealSteps;
  const ratio = (n: number) => (n - annealStart) / annealSteps;
  switch (style) {
    case "linear":
      return (n) => (n <= annealStart ? 1 : 1 - ratio(n));
    case "cosine":
      return (n) => (n <= annealStart ? 1 : 0.5 * (Math.cos(Math.PI * ratio(n)) + 1));
    case "exponential":
      return (n) => (n <= annealStart ? 1 : 2 * 0.5 ** ratio(n) - 1);
    case "minus_sqrt":
      return (n) => (n <= annealStart ? 1 : 1 - Math.sqrt(ratio(n)));
    default:
      // No anneal style: accepted only when there is no anneal (wsd_decay_steps 0), so the value stays flat.
      return () => 1;
  }
}

/** The share of `maxLr - minLr` left at step `n` after the warmup (linear, cosine, WSD), or `sqrt(max(n, 1))`. */
function decayShape(o: LrSettings): (n: number) => number {
  const warmup = o.lrWarmupSteps;
  const ratio = (n: number) => (n - warmup) / (o.lrDecaySteps - warmup);
  switch (o.lrDecayStyle) {
    case "constant":
      return () => 1;
    case "inverse-square-root":
      return (n) => Math.sqrt(Math.max(n, 1));
    case "linear":
      return (n) => 1 - ratio(n);
    case "cosine":
      return (n) => 0.5 * (Math.cos(Math.PI * ratio(n)) + 1);
    case "WSD":
      return wsdShape(o.lrDecaySteps, o.wsdDecaySteps ?? 0, o.lrWsdDecayStyle);
  }
}

/**
 * Megatron's `get_lr` for validated settings: a linear warmup from `initLr` while `W > 0 and n <= W`
 * (inclusive), then `maxLr` for `"constant"` (forever), `minLr` past `lrDecaySteps` for every other
 * style, `max(minLr, maxLr * sqrt(max(W, 1)) / sqrt(max(n, 1)))` for `"inverse-square-root"`, and
 * `minLr + coeff * (maxLr - minLr)` for linear, cosine and WSD.
 */
export function lrSchedule(o: LrSettings): LrSchedule {
  const { initLr, lrWarmupSteps: warmup, lrDecaySteps: decaySteps } = o;
  const warms = warmup > 0;
  const constant = o.lrDecayStyle === "constant";
  const inverseSqrt = o.lrDecayStyle === "inverse-square-root";
  const sqrtWarmup = Math.sqrt(Math.max(warmup, 1));
  return {
    shape: decayShape(o),
    lr(maxLr, minLr, n, s) {
      if (warms && n <= warmup) return initLr + ((maxLr - initLr) * n) / warmup;
      if (constant) return maxLr;
      if (n > decaySteps) return minLr;
      if (inverseSqrt) return Math.max(minLr, (maxLr * sqrtWarmup) / s);
      return minLr + s * (maxLr - minLr);
    },
  };
}
