/**
 * The closed form of timm's StepLRScheduler and MultiStepLRScheduler: a warmup, then
 * `base * decay_rate ** n(t)` with n the decays so far; noise on top, `lrScale` on each write.
 */
import type * as z from "zod/mini";
import type { BuildContext, Form } from "../../core/schedule.js";
import { num, withDefault } from "../../core/schema.js";
import { timmClass, timmTime, type TimmClass } from "./base.js";
import { timmNoise } from "./noise.js";
import { checkInitialize, initializeOption, lrScales, noiseOptions, tInEpochsOption, timmDialect, warmupOptions, warmupSlopes, type NoiseSettings } from "./options.js";

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

/** The options of a decay schedule besides its `decay_t`. */
const decayOptions = () => ({
  /** The factor applied at each decay. */
  decayRate: withDefault(num(), 1),
  ...warmupOptions(true),
  ...tInEpochsOption(),
  ...noiseOptions(),
  ...initializeOption(),
});

/** The options of a decay schedule whose `decay_t` has the schema `D`. */
export type DecayFields<D extends z.ZodMiniType> = { decayT: D } & ReturnType<typeof decayOptions>;

/** What a decay schedule declares: its name, the schema of its `decay_t`, and the decays so far at each time. */
export interface DecayDefinition<D extends z.ZodMiniType, T extends string> {
  readonly type: T;
  readonly decayT: () => D;
  /** The number of decays at schedule time t (after the prefix shift), given the validated `decay_t`. */
  readonly decays: (decayT: z.output<D>, t: number) => number;
}

/** The class of a timm decay schedule: timm's time and dialect, `initialize` checked, `decay_rate ** decays(t)` after the warmup. */
export function decaySchedulerClass<D extends z.ZodMiniType, T extends string>(definition: DecayDefinition<D, T>): TimmClass<DecayFields<D>, T> {
  const { type, decayT, decays } = definition;
  return timmClass<DecayFields<D>, T>({
    type,
    family: "timm",
    counter: timmTime,
    options: () => ({ decayT: decayT(), ...decayOptions() }),
    build(o, ctx) {
      const settings = o as unknown as DecaySettings & { decayT: z.output<D>; initialize: boolean };
      checkInitialize(ctx, settings.initialize);
      // A list of milestones is copied once: the form never reads the options' array again.
      const given = settings.decayT;
      const fixed = (Array.isArray(given) ? [...given] : given) as z.output<D>;
      return decayForm(type, settings, (t) => decays(fixed, t), ctx);
    },
    reference: timmDialect(),
  });
}
