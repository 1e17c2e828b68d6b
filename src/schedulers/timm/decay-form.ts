/**
 * The closed form of timm's StepLRScheduler and MultiStepLRScheduler: a warmup, then
 * `base * decay_rate ** n(t)` with n the decays so far; noise on top, `lrScale` on each write.
 */
import type { BuildContext, Form } from "../../core/schedule.js";
import { timmNoise } from "./noise.js";
import { lrScales, warmupSlopes, type NoiseSettings } from "./options.js";

export interface DecaySettings extends NoiseSettings {
  readonly decayRate: number;
  readonly warmupT: number;
  readonly warmupLrInit: number;
  readonly warmupPrefix: boolean;
}

/** The form for `decays(t)`, the number of decays at schedule time t (after the prefix shift). */
export function decayForm(type: string, o: DecaySettings, decays: (t: number) => number, ctx: BuildContext): Form {
  const { decayRate, warmupT, warmupLrInit, warmupPrefix } = o;
  const bases = ctx.baseLrs;
  const scales = lrScales(type, ctx);
  const slopes = warmupSlopes(bases, warmupT, warmupLrInit);
  const noise = timmNoise(type, o, false, ctx);
  // Where `shape(t)` found t, for the per-group values of the same t.
  const at = { warm: false, noisy: false, noise: 0 };
  return {
    beforeStart: (i) => (warmupT !== 0 ? warmupLrInit : bases[i]!) * scales[i]!,
    shape(t) {
      at.warm = t < warmupT;
      const s = at.warm ? 0 : decayRate ** decays(warmupPrefix ? t - warmupT : t);
      at.noisy = noise.inRange(t);
      if (at.noisy) at.noise = noise.at(t);
      return s;
    },
    lr(i, s, t) {
      const v = at.warm ? warmupLrInit + t * slopes[i]! : bases[i]! * s;
      return (at.noisy ? v + v * at.noise : v) * scales[i]!;
    },
  };
}
