import { describe, expect, it } from "vitest";
import { InvalidOptionError, PlateauLRScheduler, type Optimizer } from "../../../src/index.js";
import { TorchGenerator } from "../../../src/schedulers/shared/torch-generator.js";
import { sgd, thrown } from "../../support/optimizer.js";

const lr = (o: Optimizer, i = 0) => o.paramGroups[i]!.lr;

describe("PlateauLRScheduler", () => {
  it("wraps torch's ReduceLROnPlateau with mode defaulting to max: a falling metric is a bad epoch", () => {
    const o = sgd(0.1);
    const s = new PlateauLRScheduler(o, { decayRate: 0.5, patienceT: 1 });
    expect(s.options.mode).toBe("max");
    s.step(1, 1.0);
    s.step(2, 0.9);
    expect(lr(o)).toBe(0.1);
    s.step(3, 0.8);
    expect(lr(o)).toBe(0.05);
  });

  it("refuses what torch's ReduceLROnPlateau refuses: decay_rate >= 1, an unknown mode, a min_lr list of the wrong length", () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ decay_rate: 1 }, "decay_rate"],
      [{ mode: "avg" }, "mode"],
      [{ lr_min: [0, 0] }, "lr_min"],
    ];
    for (const [options, option] of cases) {
      const error = thrown(() => new PlateauLRScheduler(sgd(0.1), options as never)) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
    }
  });

  it("warms up while epoch <= warmup_t (inclusive), ignoring the metric", () => {
    const o = sgd(0.1);
    const s = new PlateauLRScheduler(o, { mode: "min", patienceT: 0, warmupT: 3, warmupLrInit: 1e-4 });
    expect(lr(o)).toBe(1e-4);
    s.step(1, 5);
    expect(lr(o)).toBe(1e-4 + (0.1 - 1e-4) / 3);
    s.step(3, 9);
    expect(lr(o)).toBe(1e-4 + 3 * ((0.1 - 1e-4) / 3));
    expect((s.stateDict().extra as { best: unknown }).best).toBe("Infinity");
  });

  it("writes warmup_lr_init + epoch at epoch <= 0 even without a warmup (timm's slope is 1 there)", () => {
    const o = sgd(0.1);
    const s = new PlateauLRScheduler(o, { warmupLrInit: 0.003 });
    expect(lr(o)).toBe(0.1);
    s.step(0, 1);
    expect(lr(o)).toBe(0.003);
  });

  it("without a metric nothing moves after the warmup, the counters neither", () => {
    const o = sgd(0.1);
    const s = new PlateauLRScheduler(o, { mode: "min", patienceT: 0, decayRate: 0.5 });
    s.step(1, 1);
    s.step(2);
    s.step(3, null);
    expect(lr(o)).toBe(0.1);
    expect(s.stateDict().extra).toMatchObject({ best: 1, numBadEpochs: 0, metricSteps: 1 });
    s.step(4, 2);
    expect(lr(o)).toBe(0.05);
  });

  it("works on the lr the groups hold (scaled), and min_lr compares with the scaled value", () => {
    const o: Optimizer = { paramGroups: [{ lr: 0.1, lrScale: 0.5 }] };
    const s = new PlateauLRScheduler(o, { mode: "min", patienceT: 0, decayRate: 0.5, lrMin: 0.04 });
    expect(lr(o)).toBe(0.05);
    s.step(1, 1);
    s.step(2, 1);
    expect(lr(o)).toBe(0.04);
  });

  it("puts the lr from before the noise back before the plateau step, then noises the groups' lr", () => {
    const o = sgd(0.1);
    const s = new PlateauLRScheduler(o, { mode: "min", patienceT: 0, decayRate: 0.5, noiseRangeT: [2, 4], noiseType: "uniform", noisePct: 0.3, noiseSeed: 3 });
    const uniform = (t: number) => 2 * (new TorchGenerator(3 + t).rand() - 0.5) * 0.3;
    s.step(1, 1);
    s.step(2, 0.5);
    expect(lr(o)).toBe(0.1 + 0.1 * uniform(2));
    s.step(3, 0.7);
    expect(lr(o)).toBe(0.05 + 0.05 * uniform(3));
    s.step(4, 0.4);
    expect(lr(o)).toBe(0.05);
  });

  it("ignores stepUpdate", () => {
    const o = sgd(0.1);
    const s = new PlateauLRScheduler(o, { mode: "min", patienceT: 0 });
    s.step(1, 1);
    s.stepUpdate(100, 5);
    s.stepUpdate(101, 5);
    expect(lr(o)).toBe(0.1);
    expect(s.metric).toBeNull();
  });

  it("resumes exactly from its own state inside a patience window, a cooldown and a noise range", () => {
    const metrics = [1, 0.9, 0.95, 0.97, 0.99, 0.98, 0.96, 0.97, 0.99, 0.97, 0.98, 0.99];
    const options = { mode: "min" as const, patienceT: 2, cooldownT: 2, decayRate: 0.5, noiseRangeT: [4, 9], noiseSeed: 11 };
    const full = sgd(0.1);
    const run = new PlateauLRScheduler(full, options);
    const trace = metrics.map((m, k) => (run.step(k + 1, m), lr(full)));
    for (let split = 1; split < metrics.length; split++) {
      const first = sgd(0.1);
      const a = new PlateauLRScheduler(first, options);
      for (let k = 0; k < split; k++) a.step(k + 1, metrics[k]);
      const saved = JSON.parse(JSON.stringify(a.stateDict())) as unknown;
      const second = sgd(0.1);
      const b = new PlateauLRScheduler(second, options);
      b.loadStateDict(saved);
      expect(lr(second)).toBe(trace[split - 1]);
      const rest = metrics.slice(split).map((m, k) => (b.step(split + k + 1, m), lr(second)));
      expect(rest).toEqual(trace.slice(split));
    }
  });

  it("loads timm's own state_dict() ({best, last_epoch}), writing no group and keeping its counters", () => {
    const o = sgd(0.1);
    const s = new PlateauLRScheduler(o, { mode: "min", patienceT: 1 });
    s.step(1, 1);
    s.step(2, 2);
    o.paramGroups[0]!.lr = 0.07;
    s.loadStateDict({ best: 0.5, last_epoch: 8 });
    expect(lr(o)).toBe(0.07);
    expect(s.stateDict().extra).toMatchObject({ best: 0.5, metricSteps: 8, numBadEpochs: 1 });
    expect(() => s.loadStateDict({ last_epoch: 3 })).toThrow(/best/);
    expect(() => s.loadStateDict({ best: 1, t_initial: 3 })).toThrow(/t_initial/);
  });
});
