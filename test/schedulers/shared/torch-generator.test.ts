import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createScheduler, type Optimizer } from "../../../src/index.js";
import { TorchGenerator } from "../../../src/schedulers/shared/torch-generator.js";
import { REFERENCE_DIR, replayStep, type ReferenceCase } from "../../support/reference.js";

/**
 * Draws computed independently in CPython: mt19937 outputs from numpy's legacy RandomState (which
 * seeds with init_genrand), then torch's transforms with glibc's log/cos/sin and numpy's float32
 * rounding. Seed 42 and seed 0 are the well-known `torch.manual_seed(42); torch.randn(3)` =
 * [0.3367, 0.1288, 0.2345] and `torch.manual_seed(0); torch.rand(1)` = [0.4963].
 */
const FIXTURES: Record<string, { u32: number[]; randn: number[]; rand: number }> = {
  "0": { u32: [2357136044, 2546248239, 3071714933], randn: [1.5409960746765137, -0.293428897857666, -2.1787893772125244], rand: 0.49625658988952637 },
  "1": { u32: [1791095845, 4282876139, 3093770124], randn: [0.6613521575927734, 0.266924113035202, 0.06167725846171379], rand: 0.7576315999031067 },
  "7": { u32: [327741615, 976413892, 3349725721], randn: [-0.1467950940132141, 0.7861412763595581, 0.9468216300010681], rand: 0.5349225401878357 },
  "42": { u32: [1608637542, 3421126067, 4083286876], randn: [0.33669036626815796, 0.12880940735340118, 0.23446236550807953], rand: 0.8822692632675171 },
  "52": { u32: [3535231989, 3536365212, 112175883], randn: [-0.1455431878566742, -1.1506751775741577, -0.6675606966018677], rand: 0.7162469029426575 },
  "1000": { u32: [2807145907, 882709079, 493951047], randn: [-1.1720491647720337, -0.3928842544555664, 0.5264794826507568], rand: 0.3189346194267273 },
  "123456789": { u32: [2288500408, 4254805660, 2294099250], randn: [0.11027836799621582, 2.2007696628570557, -0.8969969153404236], rand: 0.40525388717651367 },
  "2147483648": { u32: [652847386, 1439962116, 3524204305], randn: [-0.3617691695690155, 1.0699520111083984, 0.09146209061145782], rand: 0.9127365350723267 },
  "4294967295": { u32: [419326371, 479346978, 3918654476], randn: [1.2197630405426025, -0.3929794728755951, 1.0230751037597656], rand: 0.9937993884086609 },
};

describe("TorchGenerator: mt19937", () => {
  it("gives the standard mt19937 outputs for seed 5489 (the first five, and the 10000th required by C++'s [rand.predef])", () => {
    const g = new TorchGenerator(5489);
    const first = Array.from({ length: 5 }, () => g.nextUint32());
    expect(first).toEqual([3499211612, 581869302, 3890346734, 3586334585, 545404204]);
    for (let k = 6; k < 10000; k++) g.nextUint32();
    expect(g.nextUint32()).toBe(4123659995);
  });

  it.each(Object.keys(FIXTURES))("gives numpy's init_genrand outputs for seed %s", (seed) => {
    const g = new TorchGenerator().manualSeed(Number(seed));
    expect([g.nextUint32(), g.nextUint32(), g.nextUint32()]).toEqual(FIXTURES[seed]!.u32);
  });

  it("takes the seed mod 2**32, a negative one as torch's two's complement", () => {
    const draw = (seed: number) => new TorchGenerator(seed).nextUint32();
    expect(draw(2 ** 32)).toBe(draw(0));
    expect(draw(2 ** 32 + 7)).toBe(draw(7));
    expect(draw(-1)).toBe(FIXTURES["4294967295"]!.u32[0]);
    expect(() => new TorchGenerator(1.5)).toThrow(RangeError);
  });
});

describe("TorchGenerator: torch.randn(1) and torch.rand(1)", () => {
  it.each(Object.keys(FIXTURES))("seed %s: three randn() calls (a pair, its cached half, a new pair) and rand()", (seed) => {
    const g = new TorchGenerator().manualSeed(Number(seed));
    expect([g.randn(), g.randn(), g.randn()]).toEqual(FIXTURES[seed]!.randn);
    expect(new TorchGenerator(Number(seed)).rand()).toBe(FIXTURES[seed]!.rand);
  });

  it("manualSeed drops the cached normal, as torch's manual_seed does", () => {
    const g = new TorchGenerator(42);
    g.randn();
    g.manualSeed(42);
    expect(g.randn()).toBe(0.33669036626815796);
  });

  it("returns float32 values", () => {
    const g = new TorchGenerator(99);
    for (let k = 0; k < 100; k++) {
      const n = g.randn();
      expect(Math.fround(n)).toBe(n);
      const u = g.rand();
      expect(Math.fround(u)).toBe(u);
      expect(u >= 0 && u < 1).toBe(true);
    }
  });
});

describe("TorchGenerator against the noise timm drew in the traces", () => {
  const read = (file: string) => JSON.parse(readFileSync(join(REFERENCE_DIR, "timm", file), "utf8")) as ReferenceCase;
  /** timm's normal noise: randn redrawn until |n| < pct. */
  const normal = (seed: number, pct: number) => {
    const g = new TorchGenerator(seed);
    for (;;) {
      const n = g.randn();
      if (Math.abs(n) < pct) return n;
    }
  };

  it.each(["CosineLRScheduler-noise-range-list.json", "StepLRScheduler-noise-threshold-tight-pct.json"])("%s: every noisy lr is the clean lr times 1 + a normal draw seeded with noise_seed + t", (file) => {
    const c = read(file);
    const clean: Optimizer = { paramGroups: structuredClone(c.paramGroups) };
    const scheduler = createScheduler(clean, { type: c.type, params: { ...c.params, noise_range_t: null } });
    const { noise_range_t: range, noise_pct: pct, noise_seed: seed } = c.params as { noise_range_t: number | number[]; noise_pct: number; noise_seed: number };
    let drawn = 0;
    for (const step of c.steps) {
      replayStep(scheduler, step);
      const t = step.call!.epoch!;
      const inRange = Array.isArray(range) ? range[0]! <= t && t < range[1]! : t >= range;
      if (!inRange) continue;
      const implied = step.lr![0]! / clean.paramGroups[0]!.lr - 1;
      expect(Math.abs(implied - normal(seed + t, pct))).toBeLessThan(1e-12);
      drawn++;
    }
    expect(drawn).toBeGreaterThan(10);
  });

  it("PlateauLRScheduler-noise-uniform-range-list.json: every noisy lr is the pre-noise lr times 1 + a uniform draw", () => {
    const c = read("PlateauLRScheduler-noise-uniform-range-list.json");
    const optimizer: Optimizer = { paramGroups: structuredClone(c.paramGroups) };
    const scheduler = createScheduler(optimizer, { type: c.type, params: c.params });
    const { noise_range_t: range, noise_pct: pct, noise_seed: seed } = c.params as { noise_range_t: number[]; noise_pct: number; noise_seed: number };
    let drawn = 0;
    for (const step of c.steps) {
      replayStep(scheduler, step);
      const t = step.call!.epoch!;
      if (!(range[0]! <= t && t < range[1]!)) continue;
      const before = (scheduler.stateDict().extra as { preNoiseLr0: number }).preNoiseLr0;
      const implied = step.lr![0]! / before - 1;
      expect(Math.abs(implied - 2 * (new TorchGenerator(seed + t).rand() - 0.5) * pct)).toBeLessThan(1e-12);
      drawn++;
    }
    expect(drawn).toBe(range[1]! - range[0]!);
  });
});
