/** timm's own tests/test_scheduler.py (at the reference commit), ported: the same settings and assertions. */
import { describe, expect, it } from "vitest";
import {
  CosineLRScheduler,
  MultiStepLRScheduler,
  PlateauLRScheduler,
  PolyLRScheduler,
  StepLRScheduler,
  TanhLRScheduler,
  type Optimizer,
  type TimmScheduler,
} from "../../../src/index.js";

const optimizer = (lr = 0.1, groups = 1): Optimizer => ({ paramGroups: Array.from({ length: groups }, () => ({ lr, momentum: 0 })) });
const lr = (o: Optimizer, i = 0) => o.paramGroups[i]!.lr;
const approx = (value: number, want: number, rel: number) => expect(Math.abs(value - want)).toBeLessThanOrEqual(rel * Math.abs(want));

type Build = (o: Optimizer, extra?: Record<string, unknown>) => TimmScheduler;
const closedForms: [string, Build][] = [
  ["CosineLRScheduler", (o, extra) => new CosineLRScheduler(o, { tInitial: 100, ...extra })],
  ["StepLRScheduler", (o, extra) => new StepLRScheduler(o, { decayT: 10, ...extra })],
  ["MultiStepLRScheduler", (o, extra) => new MultiStepLRScheduler(o, { decayT: [10, 20, 30], ...extra })],
  ["PolyLRScheduler", (o, extra) => new PolyLRScheduler(o, { tInitial: 100, ...extra })],
  ["TanhLRScheduler", (o, extra) => new TanhLRScheduler(o, { tInitial: 100, ...extra })],
];

describe("timm's test_scheduler.py", () => {
  it.each(closedForms)("test_scheduler_step: %s never rises above the initial lr in 10 epochs", (_name, build) => {
    const o = optimizer();
    const s = build(o);
    for (let epoch = 0; epoch < 10; epoch++) s.step(epoch);
    expect(lr(o)).toBeLessThanOrEqual(0.1);
  });

  it("test_plateau_scheduler_step", () => {
    const s = new PlateauLRScheduler(optimizer(), { patienceT: 2, decayRate: 0.5 });
    for (let epoch = 0; epoch < 10; epoch++) s.step(epoch, 1.0);
  });

  it.each(closedForms)("test_warmup_lr_increases: %s", (_name, build) => {
    const o = optimizer(0.1);
    const s = build(o, { warmupT: 5, warmupLrInit: 0.001 });
    approx(lr(o), 0.001, 1e-5);
    let previous = 0.001;
    for (let epoch = 1; epoch < 5; epoch++) {
      s.step(epoch);
      expect(lr(o)).toBeGreaterThan(previous);
      previous = lr(o);
    }
  });

  it.each(closedForms)("test_warmup_prefix_reaches_target_lr: %s", (_name, build) => {
    const o = optimizer(0.1);
    const s = build(o, { warmupT: 5, warmupLrInit: 0.001, warmupPrefix: true, ...(_name.includes("Step") ? { decayRate: 0.5 } : {}) });
    for (let epoch = 0; epoch < 5; epoch++) s.step(epoch);
    s.step(5);
    approx(lr(o), 0.1, 1e-5);
  });

  it("test_cosine_decay", () => {
    const o = optimizer(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 100, lrMin: 0.001 });
    approx(lr(o), 0.1, 1e-5);
    s.step(50);
    approx(lr(o), 0.001 + 0.5 * (0.1 - 0.001) * (1 + Math.cos(Math.PI * 0.5)), 1e-2);
    s.step(100);
    approx(lr(o), 0.001, 1e-5);
  });

  it("test_cosine_cycles", () => {
    const o = optimizer(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 50, lrMin: 0.001, cycleLimit: 2 });
    s.step(49);
    expect(lr(o)).toBeLessThan(0.05);
    for (let epoch = 100; epoch < 110; epoch++) s.step(epoch);
    approx(lr(o), 0.001, 1e-5);
  });

  it("test_get_cycle_length", () => {
    expect(new CosineLRScheduler(optimizer(), { tInitial: 100 }).getCycleLength(1)).toBe(100);
    expect(new CosineLRScheduler(optimizer(), { tInitial: 100, warmupT: 10, warmupPrefix: true }).getCycleLength(1)).toBe(110);
  });

  it("test_step_decay", () => {
    const o = optimizer(0.1);
    const s = new StepLRScheduler(o, { decayT: 10, decayRate: 0.5 });
    s.step(9);
    approx(lr(o), 0.1, 1e-5);
    s.step(10);
    approx(lr(o), 0.05, 1e-5);
    s.step(20);
    approx(lr(o), 0.025, 1e-5);
  });

  it("test_multistep_decay", () => {
    const o = optimizer(0.1);
    const s = new MultiStepLRScheduler(o, { decayT: [10, 20, 30], decayRate: 0.5 });
    s.step(8);
    approx(lr(o), 0.1, 1e-5);
    for (const [epoch, decays] of [[11, 1], [21, 2], [31, 3]] as const) {
      s.step(epoch);
      approx(lr(o), 0.1 * 0.5 ** decays, 1e-5);
    }
  });

  it("test_poly_decay", () => {
    const o = optimizer(0.1);
    const s = new PolyLRScheduler(o, { tInitial: 100, lrMin: 0.001, power: 1 });
    approx(lr(o), 0.1, 1e-5);
    s.step(100);
    approx(lr(o), 0.001, 1e-5);
  });

  it("test_tanh_decay", () => {
    const o = optimizer(0.1);
    const s = new TanhLRScheduler(o, { tInitial: 100, lrMin: 0.001 });
    const first = lr(o);
    for (let epoch = 1; epoch <= 100; epoch++) s.step(epoch);
    expect(lr(o)).toBeLessThan(first);
  });

  it.each(closedForms)("test_state_dict_save_load: %s", (_name, build) => {
    const s = build(optimizer());
    for (let epoch = 0; epoch < 5; epoch++) s.step(epoch);
    const dict = s.stateDict();
    const again = build(optimizer());
    again.loadStateDict(dict);
    expect(again.stateDict()).toEqual(dict);
  });

  it("test_plateau_state_dict_save_load", () => {
    const s = new PlateauLRScheduler(optimizer());
    for (let epoch = 0; epoch < 5; epoch++) s.step(epoch, 1.0);
    const dict = s.stateDict();
    const again = new PlateauLRScheduler(optimizer());
    again.loadStateDict(dict);
    expect(again.stateDict()).toEqual(dict);
  });

  it.each(closedForms)("test_step_update_with_t_in_epochs_false: %s", (name, build) => {
    const o = optimizer();
    const s = build(o, { tInEpochs: false, ...(name.includes("Step") ? { decayRate: 0.5 } : {}) });
    for (let update = 0; update < 50; update++) s.stepUpdate(update);
    expect(lr(o)).not.toBe(0.1);
  });

  it.each(closedForms)("test_multiple_param_groups: %s", (_name, build) => {
    const o = optimizer(0.1, 3);
    const s = build(o);
    for (let epoch = 0; epoch < 20; epoch++) s.step(epoch);
    for (const group of o.paramGroups) expect(group.lr).toBeLessThanOrEqual(0.1);
  });

  it.each(closedForms.filter(([name]) => name !== "MultiStepLRScheduler"))("test_noise_range: %s is deterministic", (_name, build) => {
    const run = () => {
      const o = optimizer();
      const s = build(o, { noiseRangeT: [10, 50], noisePct: 0.5, noiseSeed: 42 });
      return Array.from({ length: 60 }, (_, epoch) => (s.step(epoch), lr(o)));
    };
    expect(run()).toEqual(run());
  });

  it("test_cosine_k_decay and test_poly_k_decay", () => {
    for (const cls of [CosineLRScheduler, PolyLRScheduler]) {
      const [a, b] = [optimizer(), optimizer()];
      const k1 = new cls(a, { tInitial: 100, kDecay: 1 });
      const k2 = new cls(b, { tInitial: 100, kDecay: 2 });
      k1.step(50);
      k2.step(50);
      expect(lr(a)).not.toBe(lr(b));
    }
  });
});
