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
  let warm = false;
  let noisy = false;
  let n = 0;
  return {
    beforeStart: (i) => (warmupT !== 0 ? warmupLrInit : bases[i]!) * scales[i]!,
    shape(t) {
      warm = t < warmupT;
      const s = warm ? 0 : decayRate ** decays(warmupPrefix ? t - warmupT : t);
      noisy = noise.inRange(t);
      if (noisy) n = noise.at(t);
      return s;
    },
    lr(i, s, t) {
      const v = warm ? warmupLrInit + t * slopes[i]! : bases[i]! * s;
      return (noisy ? v + v * n : v) * scales[i]!;
    },
  };
}
