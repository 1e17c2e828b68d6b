import { describe, expect, it } from "vitest";
import { CosineLRScheduler, InvalidOptionError, PlateauLRScheduler, StepError, StepLRScheduler, type Optimizer } from "../../../src/index.js";
import { TorchGenerator } from "../../../src/schedulers/shared/torch-generator.js";
import { sgd, thrown } from "../../support/optimizer.js";

const lr = (o: Optimizer, i = 0) => o.paramGroups[i]!.lr;
/** timm's normal noise at seed: randn redrawn until |n| < pct. */
const normal = (seed: number, pct: number) => {
  const g = new TorchGenerator(seed);
  for (;;) {
    const n = g.randn();
    if (Math.abs(n) < pct) return n;
  }
};

describe("timm noise", () => {
  it("noise_range_t as a number puts noise on every t >= it; as [a, b] on a <= t < b; null on none", () => {
    const clean = sgd(0.1);
    const reference = new StepLRScheduler(clean, { decayT: 10, decayRate: 0.5 });
    const from = sgd(0.1);
    const s = new StepLRScheduler(from, { decayT: 10, decayRate: 0.5, noiseRangeT: 5 });
    const window = sgd(0.1);
    const w = new StepLRScheduler(window, { decayT: 10, decayRate: 0.5, noiseRangeT: [3, 6] });
    for (const t of [2, 3, 4, 5, 6, 30]) {
      reference.step(t);
      s.step(t);
      w.step(t);
      expect(lr(from) !== lr(clean)).toBe(t >= 5);
      expect(lr(window) !== lr(clean)).toBe(t >= 3 && t < 6);
    }
  });

  it("is lr + lr * n with n from a generator seeded with noise_seed + t (default 42), redrawn until |n| < noise_pct", () => {
    const o = sgd(0.1);
    const s = new StepLRScheduler(o, { decayT: 100, noiseRangeT: 0, noisePct: 0.2 });
    s.step(7);
    const n = normal(42 + 7, 0.2);
    expect(lr(o)).toBe(0.1 + 0.1 * n);
    const other = sgd(0.1);
    new StepLRScheduler(other, { decayT: 100, noiseRangeT: 0, noisePct: 0.2, noiseSeed: 1 }).step(7);
    expect(lr(other)).toBe(0.1 + 0.1 * normal(8, 0.2));
  });

  it("is a function of t: the same t gives the same noise whatever came before", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 40, noiseRangeT: [10, 30], noiseSeed: 7 });
    s.step(12);
    const first = lr(o);
    s.step(20);
    s.step(3);
    s.step(12);
    expect(lr(o)).toBe(first);
  });

  it("goes on before lr_scale, and construction never adds noise", () => {
    const o: Optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.1, lrScale: 2 }] };
    const s = new StepLRScheduler(o, { decayT: 100, noiseRangeT: 0 });
    expect(o.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.2]);
    s.step(0);
    const n = normal(42, 0.67);
    expect(o.paramGroups.map((g) => g.lr)).toEqual([0.1 + 0.1 * n, (0.1 + 0.1 * n) * 2]);
  });

  it("never uses noise_std (stored only, at the reference commit)", () => {
    const a = sgd(0.1);
    const b = sgd(0.1);
    new StepLRScheduler(a, { decayT: 100, noiseRangeT: 0, noiseStd: 1 }).step(3);
    new StepLRScheduler(b, { decayT: 100, noiseRangeT: 0, noiseStd: 0.01 }).step(3);
    expect(lr(a)).toBe(lr(b));
  });

  it("noise_seed None means 42 (PlateauLRScheduler's default is None)", () => {
    expect(new StepLRScheduler(sgd(0.1), { decayT: 10, noise_seed: null } as never).options.noiseSeed).toBe(42);
    expect(new PlateauLRScheduler(sgd(0.1)).options.noiseSeed).toBe(42);
  });

  it("with noise_pct > 1 can make the lr negative", () => {
    const o = sgd(0.1);
    const s = new StepLRScheduler(o, { decayT: 1000, noiseRangeT: 0, noisePct: 3 });
    let negative = 0;
    for (let t = 0; t < 50; t++) {
      s.step(t);
      if (lr(o) < 0) negative++;
    }
    expect(negative).toBeGreaterThan(0);
  });

  it("refuses normal noise with noise_pct <= 0 (timm's redraw loop never ends); uniform noise takes any noise_pct", () => {
    const error = thrown(() => new CosineLRScheduler(sgd(0.1), { tInitial: 10, noiseRangeT: 2, noisePct: 0 })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("noisePct");
    expect(() => new CosineLRScheduler(sgd(0.1), { tInitial: 10, noisePct: 0 })).not.toThrow();
    expect(() => new PlateauLRScheduler(sgd(0.1), { noiseRangeT: 2, noisePct: 0, noiseType: "uniform" })).not.toThrow();
  });

  it("refuses a one-element noise_range_t (timm's IndexError at every step)", () => {
    expect(() => new CosineLRScheduler(sgd(0.1), { tInitial: 10, noise_range_t: [5] } as never)).toThrow(InvalidOptionError);
  });

  it("refuses noise at a fractional time (torch's manual_seed takes only integers), changing nothing", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 10, noiseRangeT: 5 });
    s.step(2.5);
    expect(lr(o)).toBe(0.5 * 0.1 * (1 + Math.cos((Math.PI * 2.5) / 10)));
    expect(() => s.step(5.5)).toThrow(StepError);
    expect(s.lastEpoch).toBe(2.5);
  });
});
