import { describe, expect, it } from "vitest";
import { CosineLRScheduler, InvalidStateDictError, MultiStepLRScheduler, StepLRScheduler, TanhLRScheduler, type Optimizer } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

const lr = (o: Optimizer) => o.paramGroups[0]!.lr;
const cosine = (base: number, t: number, T: number) => 0.5 * base * (1 + Math.cos((Math.PI * t) / T));

/** What timm's CosineLRScheduler.state_dict() holds after construction with t_initial=40. */
const timmCosineDict = () => ({
  param_group_field: "lr",
  _initial_param_group_field: "initial_lr",
  base_values: [0.1],
  metric: null,
  t_in_epochs: true,
  noise_range_t: null,
  noise_pct: 0.67,
  noise_type: "normal",
  noise_std: 1.0,
  noise_seed: 42,
  t_initial: 40,
  lr_min: 0.0,
  cycle_mul: 1.0,
  cycle_decay: 1.0,
  cycle_limit: 1,
  warmup_t: 0,
  warmup_lr_init: 0.0,
  warmup_prefix: false,
  k_decay: 1.0,
  warmup_steps: [1],
});

describe("timm's state_dict(): its __dict__, loaded as __dict__.update", () => {
  it("loads, writing nothing into the groups; the next step(epoch) sets the time", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 10, lrMin: 0.05 });
    o.paramGroups[0]!.lr = 0.0123; // the optimizer's restored lr
    s.loadStateDict({ ...timmCosineDict(), metric: 0.3 });
    expect(lr(o)).toBe(0.0123);
    expect(s.options).toMatchObject({ tInitial: 40, lrMin: 0 });
    expect(s.metric).toBe(0.3);
    s.step(21);
    expect(lr(o)).toBe(cosine(0.1, 21, 40));
  });

  it("a partial dict changes just those fields (base_values included)", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 10, lrMin: 0.01 });
    s.loadStateDict({ t_initial: 20, base_values: [0.2] });
    expect(s.options).toMatchObject({ tInitial: 20, lrMin: 0.01 });
    expect(s.baseLrs).toEqual([0.2]);
    s.step(5);
    expect(lr(o)).toBe(0.01 + 0.5 * (0.2 - 0.01) * (1 + Math.cos((Math.PI * 5) / 20)));
    s.loadStateDict({});
    expect(s.options.tInitial).toBe(20);
  });

  it("noise_range_t: null turns the noise off, as __dict__.update would", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 40, noiseRangeT: 0 });
    s.loadStateDict({ noise_range_t: null });
    s.step(3);
    expect(lr(o)).toBe(cosine(0.1, 3, 40));
  });

  it("refuses another scheduler's dict, another param_group_field, a noise type other than normal; nothing changes", () => {
    const o = sgd(0.1);
    const s = new StepLRScheduler(o, { decayT: 10 });
    const cases: [Record<string, unknown>, string][] = [
      [timmCosineDict(), "t_initial"],
      [{ param_group_field: "weight_decay" }, "param_group_field"],
      [{ noise_type: "uniform" }, "noise_type"],
      [{ metric: "high" }, "metric"],
      [{ decay_t: "ten" }, "decay_t"],
      [{ base_values: [0.1, 0.2] }, "base_values"],
    ];
    for (const [dict, field] of cases) {
      const error = thrown(() => s.loadStateDict(dict)) as InvalidStateDictError;
      expect(error).toBeInstanceOf(InvalidStateDictError);
      expect(error.field).toBe(field);
    }
    expect(s.options.decayT).toBe(10);
    expect(lr(o)).toBe(0.1);
  });
});

describe("our own state dict", () => {
  it("resumes exactly into a fresh optimizer (the lr at the saved time is written), metric included", () => {
    const o = sgd(0.1);
    const s = new TanhLRScheduler(o, { tInitial: 30, warmupT: 3, warmupLrInit: 0.001, noiseRangeT: 10 });
    s.step(12, 0.25);
    const saved = JSON.parse(JSON.stringify(s.stateDict())) as unknown;
    const fresh = sgd(0.1);
    const r = new TanhLRScheduler(fresh, { tInitial: 30, warmupT: 3, warmupLrInit: 0.001, noiseRangeT: 10 });
    expect(lr(fresh)).toBe(0.001);
    r.loadStateDict(saved);
    expect(lr(fresh)).toBe(lr(o));
    expect(r.metric).toBe(0.25);
    expect(r.lastEpoch).toBe(12);
    s.step(13);
    r.step(13);
    expect(lr(fresh)).toBe(lr(o));
  });

  it("before any step keeps what construction wrote (the warmup start), not the value at t = 0", () => {
    const o = sgd(0.1);
    const s = new MultiStepLRScheduler(o, { decayT: [5], warmupT: 2, warmupLrInit: 0.02 });
    const saved = JSON.parse(JSON.stringify(s.stateDict())) as { started?: boolean };
    expect(saved.started).toBe(false);
    const fresh = sgd(0.5);
    new MultiStepLRScheduler(fresh, { decayT: [5] }).loadStateDict(saved);
    expect(lr(fresh)).toBe(0.02);
  });
});
