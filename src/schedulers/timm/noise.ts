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
 * The noise of one schedule. Normal noise with `noise_pct <= 0` is refused: timm's redraw loop would
 * never end.
 */
export function timmNoise(type: string, o: NoiseSettings, uniform: boolean, ctx: BuildContext): Noise {
  const range = o.noiseRangeT;
  const pct = o.noisePct;
  if (range !== null && !uniform && !(pct > 0)) {
    ctx.fail("noisePct", pct, "a number > 0 with normal noise (timm redraws until |noise| < noise_pct, which never ends otherwise)");
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
      for (;;) {
        const n = generator.randn();
        if (Math.abs(n) < pct) return n;
      }
    },
  };
}
