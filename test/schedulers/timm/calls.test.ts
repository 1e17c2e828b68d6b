import { describe, expect, it } from "vitest";
import {
  CosineLRScheduler,
  InvalidOptimizerError,
  InvalidOptionError,
  MultiStepLRScheduler,
  PlateauLRScheduler,
  PolyLRScheduler,
  StepError,
  StepLRScheduler,
  TanhLRScheduler,
  createScheduler,
  onWarning,
  type Optimizer,
} from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

const lr = (o: Optimizer, i = 0) => o.paramGroups[i]!.lr;
const cosine = (base: number, t: number, T: number, min = 0) => min + 0.5 * (base - min) * (1 + Math.cos((Math.PI * t) / T));

describe("timm's calls: step(epoch, metric) and stepUpdate(numUpdates, metric)", () => {
  it("t_in_epochs (default): step(epoch) sets the lr for that time, stepUpdate only records the metric", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 10 });
    s.step(3);
    expect(lr(o)).toBe(cosine(0.1, 3, 10));
    s.stepUpdate(250, 0.7);
    expect(lr(o)).toBe(cosine(0.1, 3, 10));
    expect(s.metric).toBe(0.7);
    expect(s.lastEpoch).toBe(3);
    s.step(4, 0.5);
    expect(lr(o)).toBe(cosine(0.1, 4, 10));
    expect(s.metric).toBe(0.5);
    s.step(5);
    expect(s.metric).toBeNull();
  });

  it("t_in_epochs false: stepUpdate(numUpdates) sets the lr, step(epoch) only records the metric", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { t_initial: 100, t_in_epochs: false } as never);
    s.stepUpdate(25);
    expect(lr(o)).toBe(cosine(0.1, 25, 100));
    s.step(1, 0.9);
    expect(lr(o)).toBe(cosine(0.1, 25, 100));
    expect(s.metric).toBe(0.9);
    expect(s.lastEpoch).toBe(25);
  });

  it("the lr is a function of the time passed: calls may jump or go back", () => {
    const o = sgd(0.1);
    const s = new StepLRScheduler(o, { decayT: 10, decayRate: 0.5 });
    s.step(25);
    expect(lr(o)).toBeCloseTo(0.025, 15);
    s.step(3);
    expect(lr(o)).toBe(0.1);
    // Without an argument: the time after the last one.
    s.step();
    expect(s.lastEpoch).toBe(4);
    // A time before warmup_t = 0 is timm's warmup branch, whose slope is 1 without a warmup: warmup_lr_init + t.
    s.step(-10);
    expect(lr(o)).toBe(-10);
  });

  it("construction writes the base lr, never the schedule's value at t = 0 (tanh's is below the base); step(0) writes that", () => {
    const o = sgd(0.1);
    const s = new TanhLRScheduler(o, { tInitial: 100, lrMin: 0.001 });
    expect(lr(o)).toBe(0.1);
    expect(s.getLr()).toEqual([0.1]);
    s.step(0);
    expect(lr(o)).toBe(0.001 + 0.5 * (0.1 - 0.001) * (1 - Math.tanh(-7)));
    expect(lr(o)).toBeLessThan(0.1);
  });

  it("construction writes warmup_lr_init when warmup_t > 0", () => {
    const o = sgd(0.1, 0.01);
    new PolyLRScheduler(o, { tInitial: 20, warmupT: 4, warmupLrInit: 1e-4 });
    expect(o.paramGroups.map((g) => g.lr)).toEqual([1e-4, 1e-4]);
  });

  it("an existing initialLr is the base (timm's setdefault), and initialize=false needs one in every group", () => {
    const o: Optimizer = { paramGroups: [{ lr: 0.5, initialLr: 0.2 }, { lr: 0.3 }] };
    const s = new CosineLRScheduler(o, { tInitial: 10 });
    expect(s.baseLrs).toEqual([0.2, 0.3]);
    expect(o.paramGroups.map((g) => g.lr)).toEqual([0.2, 0.3]);
    expect(o.paramGroups[1]!.initialLr).toBe(0.3);

    const resumed: Optimizer = { paramGroups: [{ lr: 0.01, initialLr: 0.1 }] };
    const r = new CosineLRScheduler(resumed, { tInitial: 10, initialize: false });
    expect(r.baseLrs).toEqual([0.1]);

    const missing = thrown(() => new CosineLRScheduler({ paramGroups: [{ lr: 0.1, initialLr: 0.1 }, { lr: 0.1 }] }, { tInitial: 10, initialize: false })) as InvalidOptionError;
    expect(missing).toBeInstanceOf(InvalidOptionError);
    expect(missing.option).toBe("initialize");
    expect(missing.message).toContain("param group 1");
  });

  it("lrScale multiplies every write, the warmup start included; bases and warmup steps stay unscaled", () => {
    const o: Optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.1, lrScale: 0.5 }] };
    const s = new CosineLRScheduler(o, { tInitial: 30, warmupT: 3, warmupLrInit: 0.001 });
    expect(o.paramGroups.map((g) => g.lr)).toEqual([0.001, 0.0005]);
    expect(s.baseLrs).toEqual([0.1, 0.1]);
    s.step(1);
    const warm = 0.001 + (0.1 - 0.001) / 3;
    expect(o.paramGroups.map((g) => g.lr)).toEqual([warm, warm * 0.5]);
    s.step(10);
    expect(lr(o, 1)).toBe(cosine(0.1, 10, 30) * 0.5);
    expect(() => new CosineLRScheduler({ paramGroups: [{ lr: 0.1, lrScale: "2" }] }, { tInitial: 3 })).toThrow(InvalidOptimizerError);
    expect(() => new CosineLRScheduler({ paramGroups: [{ lr: 0.1, lr_scale: 2 }] }, { tInitial: 3 })).toThrow(/lrScale/);
  });

  it.each([["CosineLRScheduler", CosineLRScheduler], ["TanhLRScheduler", TanhLRScheduler], ["PolyLRScheduler", PolyLRScheduler]] as const)("%s refuses param_group_field and noise_type (timm's TypeError: unexpected keyword)", (_name, cls) => {
    for (const key of ["param_group_field", "noise_type"]) {
      const error = thrown(() => new cls(sgd(0.1), { tInitial: 10, [key]: key === "noise_type" ? "uniform" : "weight_decay" } as never)) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.code).toBe("unknown-option");
      expect(error.option).toBe(key);
    }
  });

  it("StepLRScheduler, MultiStepLRScheduler and PlateauLRScheduler refuse param_group_field; Plateau takes noise_type but no t_in_epochs", () => {
    expect(() => new StepLRScheduler(sgd(0.1), { decayT: 3, param_group_field: "lr" } as never)).toThrow(/param_group_field/);
    expect(() => new MultiStepLRScheduler(sgd(0.1), { decayT: [3], param_group_field: "lr" } as never)).toThrow(/param_group_field/);
    expect(() => new PlateauLRScheduler(sgd(0.1), { param_group_field: "lr" } as never)).toThrow(/param_group_field/);
    expect(() => new PlateauLRScheduler(sgd(0.1), { t_in_epochs: false } as never)).toThrow(/t_in_epochs/);
    expect(new PlateauLRScheduler(sgd(0.1), { noise_type: "uniform" } as never).options.noiseType).toBe("uniform");
  });

  it("refuses a metric that is not a number, changing nothing", () => {
    const o = sgd(0.1);
    const s = new CosineLRScheduler(o, { tInitial: 10 });
    expect(() => s.step(2, "0.5" as never)).toThrow(StepError);
    expect(lr(o)).toBe(0.1);
    expect(s.lastEpoch).toBe(0);
  });

  it("is built by createScheduler under timm's names, snake_case keywords and all", () => {
    const o = sgd(0.1);
    const s = createScheduler(o, { type: "timm.CosineLRScheduler", params: { t_initial: 10, lr_min: 0.01 } });
    expect(s).toBeInstanceOf(CosineLRScheduler);
    s.step(5);
    expect(lr(o)).toBe(cosine(0.1, 5, 10, 0.01));
  });

  it("warns as timm's logger does when t_initial = cycle_mul = cycle_decay = 1 (cosine and poly)", () => {
    const seen: string[] = [];
    const stop = onWarning((w) => seen.push(`${w.schedulerType}:${w.code}`));
    try {
      new CosineLRScheduler(sgd(0.1), { tInitial: 1 });
      new PolyLRScheduler(sgd(0.1), { tInitial: 1 });
      new CosineLRScheduler(sgd(0.1), { tInitial: 1, cycleDecay: 0.5 });
    } finally {
      stop();
    }
    expect(seen).toEqual(["CosineLRScheduler:no-effect", "PolyLRScheduler:no-effect"]);
  });
});
