import { describe, expect, it } from "vitest";
import {
  CosineLRScheduler,
  InvalidOptionError,
  MultiStepLRScheduler,
  PlateauLRScheduler,
  PolyLRScheduler,
  StepLRScheduler,
  TanhLRScheduler,
  createScheduler,
  createSchedulerV2,
  type TimmScheduler,
} from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { freshOptimizer, loadReferenceCases } from "../../support/reference.js";

const traces = loadReferenceCases().filter((c) => c.family === "timm" && c.type === "create_scheduler_v2" && c.returns);

describe("create_scheduler_v2: what it returns", () => {
  it("has traces that record timm's return values", () => {
    expect(traces.length).toBeGreaterThanOrEqual(3);
  });

  it.each(traces.map((c) => [c.id, c] as const))("%s: the scheduler type and num_epochs timm returned", (_id, c) => {
    const { scheduler, numEpochs } = createSchedulerV2(freshOptimizer(c), c.params);
    expect(scheduler.type).toBe(c.returns!.scheduler);
    expect(numEpochs).toBe(c.returns!.num_epochs);
    const built = createScheduler(freshOptimizer(c), { type: "create_scheduler_v2", params: c.params }) as TimmScheduler;
    expect(built.type).toBe(c.returns!.scheduler);
    expect(built.numEpochs).toBe(c.returns!.num_epochs);
  });

  it("cosine, tanh and poly: get_cycle_length() + cooldown (floor-divided by updates_per_epoch on updates); step, multistep, plateau: num_epochs (+ warmup_epochs with the prefix)", () => {
    const n = (params: Record<string, unknown>) => createSchedulerV2(sgd(0.1), params).numEpochs;
    expect(n({ sched: "cosine", num_epochs: 10, cycle_limit: 3, cooldown_epochs: 2 })).toBe(32);
    expect(n({ sched: "tanh", num_epochs: 10, cycle_mul: 2, cycle_limit: 2, warmup_epochs: 3, warmup_prefix: true })).toBe(33);
    expect(n({ sched: "poly", num_epochs: 10, cooldown_epochs: 1, step_on_epochs: false, updates_per_epoch: 7 })).toBe(11);
    expect(n({ sched: "step", num_epochs: 12, warmup_epochs: 2 })).toBe(12);
    expect(n({ sched: "multistep", num_epochs: 12, warmup_epochs: 2, warmup_prefix: true })).toBe(14);
    expect(n({ sched: "plateau", num_epochs: 12, warmup_epochs: 2, warmup_prefix: true })).toBe(14);
    expect(createScheduler(sgd(0.1), { type: "timm.CosineLRScheduler", params: { t_initial: 5 } }) as TimmScheduler).toHaveProperty("numEpochs", undefined);
  });
});

describe("create_scheduler_v2: its settings", () => {
  it("has defaults of its own: cycle_decay 0.1, decay_rate 0.1, decay_epochs 90, milestones (90, 180, 270), num_epochs 300", () => {
    const cosine = createSchedulerV2(sgd(0.1)).scheduler as CosineLRScheduler;
    expect(cosine).toBeInstanceOf(CosineLRScheduler);
    expect(cosine.options).toMatchObject({ tInitial: 300, cycleDecay: 0.1, lrMin: 0, warmupT: 0, warmupLrInit: 1e-5, tInEpochs: true });
    expect((createSchedulerV2(sgd(0.1), { sched: "step" }).scheduler as StepLRScheduler).options).toMatchObject({ decayT: 90, decayRate: 0.1, warmupPrefix: false });
    expect((createSchedulerV2(sgd(0.1), { sched: "multistep" }).scheduler as MultiStepLRScheduler).options.decayT).toEqual([90, 180, 270]);
  });

  it("step_on_epochs=false multiplies every epoch count by updates_per_epoch and moves on stepUpdate", () => {
    const { scheduler } = createSchedulerV2(sgd(0.1), { sched: "multistep", decay_milestones: [2, 4], warmup_epochs: 1, step_on_epochs: false, updates_per_epoch: 10 });
    expect((scheduler as MultiStepLRScheduler).options).toMatchObject({ decayT: [20, 40], warmupT: 10, tInEpochs: false });
    const cosine = createSchedulerV2(sgd(0.1), { num_epochs: 10, cooldown_epochs: 1, step_on_epochs: false, updates_per_epoch: 20 });
    expect((cosine.scheduler as CosineLRScheduler).options.tInitial).toBe(200);
    const error = thrown(() => createSchedulerV2(sgd(0.1), { step_on_epochs: false })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("updates_per_epoch");
  });

  it("takes noise in fractions of t_initial: a number, a list, a one-element list as its value", () => {
    const range = (noise: unknown) => (createSchedulerV2(sgd(0.1), { num_epochs: 100, noise }).scheduler as CosineLRScheduler).options.noiseRangeT;
    expect(range(0.5)).toBe(50);
    expect(range([0.2, 0.8])).toEqual([20, 80]);
    expect(range([0.4])).toBe(40);
    expect(range(null)).toBeNull();
  });

  it("poly: power is decay_rate; plateau: step per epoch only, no warmup_prefix, cooldown_t 0, patience_epochs, plateau_mode", () => {
    expect((createSchedulerV2(sgd(0.1), { sched: "poly", decay_rate: 2 }).scheduler as PolyLRScheduler).options.power).toBe(2);
    const plateau = createSchedulerV2(sgd(0.1), { sched: "plateau", patience_epochs: 3, cooldown_epochs: 5, plateau_mode: "min", warmup_prefix: true }).scheduler as PlateauLRScheduler;
    expect(plateau.options).toMatchObject({ patienceT: 3, cooldownT: 0, mode: "min", decayRate: 0.1 });
    const error = thrown(() => createSchedulerV2(sgd(0.1), { sched: "plateau", step_on_epochs: false, updates_per_epoch: 10 })) as InvalidOptionError;
    expect(error.option).toBe("step_on_epochs");
    expect(error.message).toContain("Plateau LR only supports step per epoch.");
    expect(() => createSchedulerV2(sgd(0.1), { sched: "cosine", plateau_mode: "avg" })).not.toThrow();
  });

  it("refuses an unknown sched (timm returns None without an error)", () => {
    const error = thrown(() => createSchedulerV2(sgd(0.1), { sched: "cosine_restart" })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("sched");
  });

  it("names its own option when the scheduler refuses a value", () => {
    const error = thrown(() => createSchedulerV2(sgd(0.1), { num_epochs: 0 })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("num_epochs");
    expect(error.schedulerType).toBe("create_scheduler_v2");
    expect((thrown(() => createSchedulerV2(sgd(0.1), { sched: "tanh", minLr: -1 })) as InvalidOptionError).option).toBe("minLr");
    expect((thrown(() => createSchedulerV2(sgd(0.1), { sched: "plateau", plateau_mode: "avg" })) as InvalidOptionError).option).toBe("plateau_mode");
  });

  it("builds the six classes", () => {
    const types = ["cosine", "tanh", "step", "multistep", "plateau", "poly"].map((sched) => createSchedulerV2(sgd(0.1), { sched }).scheduler.constructor);
    expect(types).toEqual([CosineLRScheduler, TanhLRScheduler, StepLRScheduler, MultiStepLRScheduler, PlateauLRScheduler, PolyLRScheduler]);
  });
});
