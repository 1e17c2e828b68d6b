/**
 * timm's lr noise, as a function of t: inside `noise_range_t` the lrs become `lr + lr * n`, with n
 * drawn from a fresh torch CPU generator seeded with `noise_seed + t`: `torch.randn(1)` redrawn until
 * `|n| < noise_pct` ("normal"), or `2 * (torch.rand(1) - 0.5) * noise_pct` (any other noise type).
 */
import { StepError } from "../../core/errors.js";
import type { BuildContext } from "../../core/schedule.js";
import { TorchGenerator } from "../shared/torch-generator.js";
import type { NoiseSettings } from "./options.js";

export interface Noise {
  /** Whether t is inside `noise_range_t`. */
  readonly inRange: (t: number) => boolean;
  /** The noise at t (t in range). @throws StepError where torch cannot seed with `noise_seed + t` */
  readonly at: (t: number) => number;
}

/**
 * The smallest `noise_pct` of normal noise: each step redraws about `1 / (0.8 * noise_pct)` times
 * (125,000 here, a quarter of a second per step in timm itself), and a smaller one practically never ends.
 */
export const MIN_NORMAL_NOISE_PCT = 1e-5;

/** Redraws after which a step is refused (never reached from an accepted `noise_pct`: the odds are e**-80). */
const MAX_REDRAWS = 10_000_000;

/**
 * The noise of one schedule. Normal noise with `noise_pct` below MIN_NORMAL_NOISE_PCT is refused:
 * timm's redraw loop would (practically) never end.
 */
export function timmNoise(type: string, o: NoiseSettings, uniform: boolean, ctx: BuildContext): Noise {
  const range = o.noiseRangeT;
  const pct = o.noisePct;
  if (range !== null && !uniform && !(pct >= MIN_NORMAL_NOISE_PCT)) {
    ctx.fail("noisePct", pct, `a number >= ${MIN_NORMAL_NOISE_PCT} with normal noise (timm redraws until |noise| < noise_pct, about 1 / (0.8 * noise_pct) times per step, which practically never ends below that)`);
  }
  const generator = new TorchGenerator();
  const start = Array.isArray(range) ? range[0]! : (range ?? Infinity);
  const end = Array.isArray(range) ? range[1]! : Infinity;
  const bounded = Array.isArray(range);
  return {
    inRange: (t) => (bounded ? start <= t && t < end : t >= start),
    at(t) {
      const seed = o.noiseSeed + t;
      if (!Number.isInteger(t)) throw new StepError(type, t, `noise at a fractional time: timm seeds the noise with noise_seed + t, which torch's manual_seed refuses unless it is an integer`);
      if (!Number.isSafeInteger(seed)) throw new StepError(type, t, `the noise seed noise_seed + t = ${seed} is beyond the safe integers`);
      generator.manualSeed(seed);
      if (uniform) return 2 * (generator.rand() - 0.5) * pct;
      for (let draws = 0; draws < MAX_REDRAWS; draws++) {
        const n = generator.randn();
        if (Math.abs(n) < pct) return n;
      }
      throw new StepError(type, t, `no noise below noise_pct = ${pct} in ${MAX_REDRAWS} draws`);
    },
  };
}
