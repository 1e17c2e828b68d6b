import { describe, expect, it } from "vitest";
import { CosineLRScheduler, MultiStepLRScheduler, PolyLRScheduler, StepError, StepLRScheduler, TanhLRScheduler, type Optimizer } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

const lr = (o: Optimizer, i = 0) => o.paramGroups[i]!.lr;
const cosine = (base: number, t: number, T: number) => 0.5 * base * (1 + Math.cos((Math.PI * t) / T));

describe("timm warmup", () => {
  it("is warmup_lr_init + t * (base - warmup_lr_init) / warmup_t for t < warmup_t, per group", () => {
    const o = sgd(0.1, 0.01);
    const s = new CosineLRScheduler(o, { tInitial: 60, warmupT: 5, warmupLrInit: 1e-4 });
    s.step(2);
    expect(o.paramGroups.map((g) => g.lr)).toEqual([1e-4 + 2 * ((0.1 - 1e-4) / 5), 1e-4 + 2 * ((0.01 - 1e-4) / 5)]);
  });

  it("warmup_prefix=false (cosine, tanh, poly default): the schedule is read at the same t, its first warmup_t steps skipped", () => {
    expect(new CosineLRScheduler(sgd(0.1), { tInitial: 10 }).options.warmupPrefix).toBe(false);
    expect(new TanhLRScheduler(sgd(0.1), { tInitial: 10 }).options.warmupPrefix).toBe(false);
    expect(new PolyLRScheduler(sgd(0.1), { tInitial: 10 }).options.warmupPrefix).toBe(false);
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 40, warmupT: 4 });
    s.step(4);
    expect(lr(o)).toBe(cosine(0.1, 4, 40));
    s.step(40);
    expect(lr(o)).toBe(0);
  });

  it("warmup_prefix=true: t - warmup_t from then on, so the schedule starts at the base at warmup_t and ends warmup_t later", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 40, warmupT: 4, warmupLrInit: 0.001, warmupPrefix: true });
    s.step(4);
    expect(lr(o)).toBe(0.1);
    s.step(14);
    expect(lr(o)).toBe(cosine(0.1, 10, 40));
    s.step(43);
    expect(lr(o)).toBeGreaterThan(0);
    s.step(44);
    expect(lr(o)).toBe(0);
  });

  it("StepLRScheduler and MultiStepLRScheduler default to warmup_prefix=true", () => {
    const o = sgd(0.1);
    const s = new StepLRScheduler(o, { decayT: 10, decayRate: 0.5, warmupT: 3, warmupLrInit: 0.001 });
    expect(s.options.warmupPrefix).toBe(true);
    s.step(12);
    expect(lr(o)).toBe(0.1);
    s.step(13);
    expect(lr(o)).toBe(0.05);
    expect(new MultiStepLRScheduler(sgd(0.1), { decayT: [10] }).options.warmupPrefix).toBe(true);
  });

  it("TanhLRScheduler without the prefix ramps toward the curve's value at warmup_t, so the hand-off is continuous", () => {
    const o = sgd(0.1);
    const s = new TanhLRScheduler(o, { tInitial: 50, lrMin: 1e-4, warmupT: 5, warmupLrInit: 1e-5 });
    s.step(5);
    const atWarmupEnd = lr(o);
    expect(atWarmupEnd).toBeLessThan(0.1);
    s.step(4);
    expect(lr(o)).toBe(1e-5 + 4 * ((atWarmupEnd - 1e-5) / 5));
    // With the prefix it ramps to the base.
    const p = sgd(0.1);
    const t = new TanhLRScheduler(p, { tInitial: 50, warmupT: 5, warmupLrInit: 1e-5, warmupPrefix: true });
    t.step(4);
    expect(lr(p)).toBe(1e-5 + 4 * ((0.1 - 1e-5) / 5));
  });
});

describe("StepLRScheduler", () => {
  it("is base * decay_rate ** (t // decay_t) with Python's floor division (1 // 0.1 is 9, not 10)", () => {
    const o = sgd(0.1);
    const s = new StepLRScheduler(o, { decayT: 0.1, decayRate: 0.5 });
    s.step(1);
    expect(lr(o)).toBe(0.1 * 0.5 ** 9);
    expect(Math.floor(1 / 0.1)).toBe(10);
    const updates = sgd(0.1);
    new StepLRScheduler(updates, { decayT: 12.5, decayRate: 0.7, tInEpochs: false }).stepUpdate(37);
    expect(lr(updates)).toBe(0.1 * 0.7 ** 2);
  });

  it("grows with decay_rate > 1", () => {
    const o = sgd(0.1);
    new StepLRScheduler(o, { decayT: 5, decayRate: 2 }).step(10);
    expect(lr(o)).toBe(0.4);
  });

  it("checks nothing at construction: decay_t = 0 runs its warmup and fails at the first step past it (timm's ZeroDivisionError)", () => {
    const o = sgd(0.1);
    const s = new StepLRScheduler(o, { decayT: 0, warmupT: 2, warmupLrInit: 0.01 });
    s.step(1);
    const error = thrown(() => s.step(2)) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(error.message).toContain("ZeroDivisionError");
    expect(lr(o)).toBe(0.01 + (0.1 - 0.01) / 2);
  });
});

describe("MultiStepLRScheduler", () => {
  it("decays one step before each milestone: base * decay_rate ** bisect_right(decay_t, t + 1)", () => {
    const o = sgd(0.1);
    const s = new MultiStepLRScheduler(o, { decayT: [10, 20, 30], decayRate: 0.5 });
    s.step(8);
    expect(lr(o)).toBe(0.1);
    s.step(9);
    expect(lr(o)).toBe(0.05);
    s.step(19);
    expect(lr(o)).toBe(0.025);
  });

  it("counts a milestone listed twice twice, and bisects an unsorted list as given", () => {
    const twice = sgd(0.1);
    new MultiStepLRScheduler(twice, { decayT: [5, 5], decayRate: 0.5 }).step(4);
    expect(lr(twice)).toBe(0.025);
    // bisect_right([20, 10], 15) is 2
    const unsorted = sgd(0.1);
    new MultiStepLRScheduler(unsorted, { decayT: [20, 10], decayRate: 0.5 }).step(14);
    expect(lr(unsorted)).toBe(0.025);
  });
});
