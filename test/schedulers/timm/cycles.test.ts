import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CosineLRScheduler, InvalidOptionError, PolyLRScheduler, StepError, TanhLRScheduler, type Optimizer } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { REFERENCE_DIR, type ReferenceCase } from "../../support/reference.js";

const lr = (o: Optimizer) => o.paramGroups[0]!.lr;
const traceLr = (file: string, epoch: number) => {
  const c = JSON.parse(readFileSync(join(REFERENCE_DIR, "timm", file), "utf8")) as ReferenceCase;
  return c.steps.find((s) => s.call?.epoch === epoch)!.lr![0]!;
};

describe("timm cycles with cycle_mul == 1", () => {
  it("restarts every t_initial with peaks base * cycle_decay ** i, then lr_min once cycle_limit cycles have run", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 10, lrMin: 0.001, cycleDecay: 0.5, cycleLimit: 3 });
    s.step(10);
    expect(lr(o)).toBe(0.001 + 0.5 * (0.1 * 0.5 - 0.001) * 2);
    s.step(25);
    expect(lr(o)).toBe(0.001 + 0.5 * (0.1 * 0.25 - 0.001) * (1 + Math.cos(Math.PI * 0.5)));
    s.step(30);
    expect(lr(o)).toBe(0.001);
    s.step(1000);
    expect(lr(o)).toBe(0.001);
  });

  it("with the default cycle_limit=1 reaches lr_min first at t = t_initial, one step after the last scheduled one", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 10, lrMin: 0.01 });
    s.step(9);
    expect(lr(o)).toBeGreaterThan(0.01);
    s.step(10);
    expect(lr(o)).toBe(0.01);
  });

  it("with cycle_limit=0 gives lr_min from the first call (construction still wrote the base)", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 10, lrMin: 0.01, cycleLimit: 0 });
    expect(lr(o)).toBe(0.1);
    s.step(0);
    expect(lr(o)).toBe(0.01);
  });
});

describe("timm cycles with cycle_mul != 1: CPython's math.log(x, cycle_mul)", () => {
  it("cycle_mul 2: cycles of 10, 20, 40 (starts at t = 10, 30, 70)", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 10, cycleMul: 2, cycleLimit: 4 });
    s.step(30);
    expect(lr(o)).toBe(0.1);
    s.step(50);
    expect(lr(o)).toBeCloseTo(0.05, 15);
  });

  it("cycle-mul-10-log-boundary: at t = 111, log(1000) / log(10) = 2.9999999999999996, so t = 111 ends cycle 2 (lr_min)", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 1, cycleMul: 10, cycleDecay: 0.5, cycleLimit: 4 });
    s.step(111);
    expect(lr(o)).toBe(0);
    expect(lr(o)).toBe(traceLr("CosineLRScheduler-cycle-mul-10-log-boundary.json", 111));
  });

  it("cycle-mul-3-v8-log-boundary: at t = 121 the correctly rounded log ends cycle 4; V8's Math.log would start cycle 5", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 1, cycleMul: 3, cycleDecay: 0.9, cycleLimit: 6 });
    s.step(121);
    expect(lr(o)).toBe(traceLr("CosineLRScheduler-cycle-mul-3-v8-log-boundary.json", 121));
    expect(lr(o)).toBe(0);
    // What a port on Math.log computes: i = floor(Math.log(243) / Math.log(3)) = 5, the start of a cycle.
    expect(Math.floor(Math.log(243) / Math.log(3))).toBe(5);
    s.step(122);
    expect(lr(o)).toBeCloseTo(0.1 * 0.9 ** 5 * 0.5 * (1 + Math.cos(Math.PI / 243)), 15);
  });

  it("cycle_mul < 1 is accepted, and the step where the log's argument reaches 0 is refused whatever cycle_limit says", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 10, cycleMul: 0.5 });
    s.step(19);
    const before = lr(o);
    const error = thrown(() => s.step(20)) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(error.message).toContain("math domain error");
    expect(lr(o)).toBe(before);
    expect(s.lastEpoch).toBe(19);
  });

  it("refuses cycle_mul <= 0, for which math.log(x, cycle_mul) raises at every step past the warmup", () => {
    for (const cycleMul of [0, -2]) {
      const error = thrown(() => new CosineLRScheduler(sgd(0.1), { tInitial: 10, cycleMul })) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe("cycleMul");
    }
  });
});

describe("the curves", () => {
  it("cosine with k_decay: lr_min + 0.5 * (lr_max - lr_min) * (1 + cos(pi * t ** k / T ** k))", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 50, kDecay: 2 });
    s.step(20);
    expect(lr(o)).toBe(0.5 * 0.1 * (1 + Math.cos((Math.PI * 20 ** 2) / 50 ** 2)));
    expect(lr(o)).toBe(traceLr("CosineLRScheduler-k-decay-2.json", 20));
  });

  it("poly: lr_min + (lr_max - lr_min) * (1 - t ** k / T ** k) ** power (power 0.5 by default)", () => {
    const o = sgd(0.1);
    const s = new PolyLRScheduler(o, { tInitial: 100, lrMin: 0.001 });
    s.step(36);
    expect(lr(o)).toBe(0.001 + (0.1 - 0.001) * (1 - 36 / 100) ** 0.5);
    const linear = sgd(0.1);
    new PolyLRScheduler(linear, { tInitial: 100, lrMin: 0.001, power: 1 }).step(50);
    expect(lr(linear)).toBe(traceLr("PolyLRScheduler-test-settings-power-1.json", 50));
  });

  it("tanh: lr_min + 0.5 * (lr_max - lr_min) * (1 - tanh(lb * (1 - tr) + ub * tr))", () => {
    const o = sgd(0.1);
    const s = new TanhLRScheduler(o, { tInitial: 100, lrMin: 0.001 });
    s.step(40);
    expect(lr(o)).toBe(0.001 + 0.5 * (0.1 - 0.001) * (1 - Math.tanh(-7 * 0.6 + 3 * 0.4)));
    expect(lr(o)).toBeCloseTo(traceLr("TanhLRScheduler-test-settings.json", 40), 15);
  });

  it("get_cycle_length: t_initial * cycles, or the geometric sum floored, plus warmup_t with the prefix", () => {
    expect(new CosineLRScheduler(sgd(0.1), { tInitial: 10, cycleLimit: 3 }).getCycleLength()).toBe(30);
    expect(new CosineLRScheduler(sgd(0.1), { tInitial: 10, cycleLimit: 3 }).getCycleLength(2)).toBe(20);
    expect(new CosineLRScheduler(sgd(0.1), { tInitial: 10, cycleLimit: 0 }).getCycleLength()).toBe(10);
    expect(new CosineLRScheduler(sgd(0.1), { tInitial: 10, cycleMul: 2, cycleLimit: 3 }).getCycleLength()).toBe(70);
    expect(new TanhLRScheduler(sgd(0.1), { tInitial: 10, cycleMul: 1.5, cycleLimit: 2 }).getCycleLength()).toBe(25);
    expect(new PolyLRScheduler(sgd(0.1), { tInitial: 10, warmupT: 5, warmupPrefix: true }).getCycleLength()).toBe(15);
  });
});

describe("timm's asserts (a bare AssertionError upstream)", () => {
  const cases: [string, () => unknown, string][] = [
    ["cosine t_initial > 0", () => new CosineLRScheduler(sgd(0.1), { t_initial: 0 } as never), "t_initial"],
    ["cosine lr_min >= 0", () => new CosineLRScheduler(sgd(0.1), { t_initial: 10, lr_min: -1e-3 } as never), "lr_min"],
    ["poly t_initial > 0", () => new PolyLRScheduler(sgd(0.1), { t_initial: -1 } as never), "t_initial"],
    ["poly lr_min >= 0", () => new PolyLRScheduler(sgd(0.1), { t_initial: 10, lr_min: -1 } as never), "lr_min"],
    ["tanh t_initial > 0", () => new TanhLRScheduler(sgd(0.1), { t_initial: 0 } as never), "t_initial"],
    ["tanh lb < ub", () => new TanhLRScheduler(sgd(0.1), { t_initial: 10, lb: 3, ub: 3 } as never), "lb"],
    ["tanh cycle_limit >= 0", () => new TanhLRScheduler(sgd(0.1), { t_initial: 10, cycle_limit: -1 } as never), "cycle_limit"],
    ["tanh warmup_t >= 0", () => new TanhLRScheduler(sgd(0.1), { t_initial: 10, warmup_t: -1 } as never), "warmup_t"],
    ["tanh warmup_lr_init >= 0", () => new TanhLRScheduler(sgd(0.1), { t_initial: 10, warmup_lr_init: -1 } as never), "warmup_lr_init"],
  ];
  it.each(cases)("%s", (_name, build, option) => {
    const error = thrown(build) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe(option);
  });

  it("cosine checks neither warmup_t nor cycle_limit", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 10, warmupT: -2, cycleLimit: -1 });
    s.step(3);
    expect(lr(o)).toBe(0);
  });
});
