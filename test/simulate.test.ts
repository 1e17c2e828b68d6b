import { afterEach, describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { InvalidOptionError, UnknownSchedulerTypeError, createScheduler, knownSchedulerTypes, registerScheduler, simulate, unregisterScheduler, type Optimizer } from "../src/index.js";
import { defineSchedule, metricEpochs, num, torchEpochs, type Plateau } from "../src/extend.js";
import type { ParamGroup } from "../src/index.js";
import { readPlotConfigs, simulationOf } from "../scripts/plot-configs.js";

/** Halves the lr every step, cycles momentum between 0.8 and 0.9 and raises the weight decay: every recorded series moves. */
const ProbeLR = defineSchedule({
  type: "ProbeLR",
  family: "test",
  counter: torchEpochs,
  options: () => ({ wd: z.optional(num()) }),
  build: ({ wd }, { groups }) => ({
    shape: (t) => 0.5 ** t,
    momentum: (_i, _s, t) => (t % 2 === 0 ? 0.8 : 0.9),
    momentumTarget: groups.every((g) => Array.isArray(g.betas)) ? "beta1" : "momentum",
    ...(wd === undefined ? {} : { weightDecay: (_i: number, _s: number, t: number) => wd * (t + 1) }),
  }),
});

/** Follows a metric: the lr is the last metric times the base lr. */
const MetricLR = defineSchedule({
  type: "MetricLR",
  family: "test",
  counter: metricEpochs,
  base: "lr",
  options: () => ({}),
  build: (_o, { baseLrs }) => {
    const plateau: Plateau<{ metric: number }, number> = {
      fields: { metric: num() },
      initial: { metric: 1 },
      step(state, metric, lrs) {
        state.metric = metric;
        for (let i = 0; i < lrs.length; i++) lrs[i] = baseLrs[i]! * metric;
      },
    };
    return { plateau: plateau as unknown as Plateau<Record<string, unknown>, number> };
  },
});

afterEach(() => {
  unregisterScheduler("ProbeLR");
  unregisterScheduler("MetricLR");
});

describe("simulate", () => {
  it("records the lr after construction and after every step, equal to a real run", () => {
    const config = { type: "StepLR", params: { step_size: 3, gamma: 0.5 } };
    const sim = simulate(config, { steps: 10, lr: [0.1, 0.02] });
    expect(sim.type).toBe("StepLR");
    expect(sim.steps).toBe(10);
    expect(sim.groups).toHaveLength(2);
    expect(sim.groups[0]!.lr).toBeInstanceOf(Float64Array);
    expect(sim.groups[0]!.lr).toHaveLength(11);
    expect(Array.from(sim.groups[0]!.lr.slice(0, 7))).toEqual([0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025]);
    const optimizer: Optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.02 }] };
    const scheduler = createScheduler(optimizer, config);
    for (let t = 1; t <= 10; t++) {
      scheduler.step();
      expect(sim.groups[1]!.lr[t]).toBe(optimizer.paramGroups[1]!.lr);
    }
    expect(sim.groups[0]!.momentum).toBeUndefined();
    expect(sim.groups[0]!.weightDecay).toBeUndefined();
  });

  it("uses lr 1 by default and one lr for every group of `groups`", () => {
    expect(simulate({ type: "StepLR", params: { step_size: 1 } }, { steps: 2 }).groups[0]!.lr).toEqual(new Float64Array([1, 0.1, 0.1 ** 2]));
    const sim = simulate({ type: "StepLR", params: { step_size: 1 } }, { steps: 1, lr: 0.5, groups: [{ lr: 9 }, {}] });
    expect(sim.groups.map((g) => g.lr[0])).toEqual([0.5, 0.5]);
  });

  it("records momentum (betas[0] for Adam-style groups) and weight decay where the schedule sets them", () => {
    registerScheduler(ProbeLR);
    const sim = simulate({ type: "ProbeLR", params: { wd: 0.01 } }, { steps: 3, groups: [{ lr: 1, momentum: 0.9 }, { lr: 2, betas: [0.9, 0.999] }] });
    expect(Array.from(sim.groups[0]!.momentum!)).toEqual([0.8, 0.9, 0.8, 0.9]);
    expect(Array.from(sim.groups[1]!.momentum!)).toEqual([0.8, 0.9, 0.8, 0.9]);
    expect(Array.from(sim.groups[1]!.weightDecay!)).toEqual([0.01, 0.02, 0.03, 0.04]);
    expect(Array.from(sim.groups[1]!.lr)).toEqual([2, 1, 0.5, 0.25]);
  });

  it("leaves out momentum and weight decay that the schedule never changed", () => {
    const sim = simulate({ type: "StepLR", params: { step_size: 1 } }, { steps: 3, groups: [{ lr: 1, momentum: 0.9, weightDecay: 0.1 }] });
    expect(Object.keys(sim.groups[0]!)).toEqual(["lr"]);
  });

  it("takes the optimizer's lr and betas from a whole ds_config.json", () => {
    registerScheduler(ProbeLR);
    const dsConfig = { train_batch_size: 8, optimizer: { type: "Adam", params: { lr: 0.004, betas: [0.85, 0.99] } }, scheduler: { type: "ProbeLR" } };
    const sim = simulate(dsConfig, { steps: 1 });
    expect(Array.from(sim.groups[0]!.lr)).toEqual([0.004, 0.002]);
    expect(Array.from(sim.groups[0]!.momentum!)).toEqual([0.8, 0.9]);
    expect(simulate(dsConfig, { steps: 0, lr: 3 }).groups[0]!.lr[0]).toBe(3);
  });

  it("gives metrics[k - 1] to the k-th step of a metric-driven schedule", () => {
    registerScheduler(MetricLR);
    const sim = simulate({ type: "MetricLR" }, { steps: 3, lr: 2, metrics: [0.5, 0.25, 4] });
    expect(Array.from(sim.groups[0]!.lr)).toEqual([2, 1, 0.5, 8]);
  });

  it("refuses metrics for a built-in step-driven schedule and a metrics list that is too short", () => {
    expect(() => simulate({ type: "StepLR", params: { step_size: 1 } }, { steps: 2, metrics: [1, 2] })).toThrow(
      expect.objectContaining({ constructor: InvalidOptionError, option: "metrics" }),
    );
    registerScheduler(MetricLR);
    expect(() => simulate({ type: "MetricLR" }, { steps: 3, metrics: [1, 2] })).toThrow(
      expect.objectContaining({ constructor: InvalidOptionError, option: "metrics" }),
    );
    expect(() => simulate({ type: "MetricLR" }, { steps: 2, metrics: [1, Number.NaN] })).toThrow(
      expect.objectContaining({ constructor: InvalidOptionError, option: "metrics[1]" }),
    );
  });

  it.skipIf(!knownSchedulerTypes().includes("ReduceLROnPlateau"))("asks for metrics for ReduceLROnPlateau", () => {
    expect(() => simulate({ type: "ReduceLROnPlateau" }, { steps: 2 })).toThrow(expect.objectContaining({ constructor: InvalidOptionError, option: "metrics" }));
  });

  it.each([
    [{ steps: -1 }, "steps"],
    [{ steps: 1.5 }, "steps"],
    [{ steps: 1e9 }, "steps"],
    [{ steps: 1, lr: Number.NaN }, "lr"],
    [{ steps: 1, lr: [] }, "lr"],
    [{ steps: 1, lr: [1, 2, 3], groups: [{}, {}] }, "lr"],
    [{ steps: 1, groups: [] }, "groups"],
    [{ steps: 1, defaults: 3 }, "defaults"],
    [{ steps: 1, defaults: { lr: () => 1 } }, "defaults"],
    [{ steps: 1, groups: [{ lr: 1 }, { lr: 1, tag: () => "bias" }] }, "groups[1]"],
  ])("refuses %j naming %s", (options, option) => {
    expect(() => simulate({ type: "StepLR", params: { step_size: 1 } }, options as never)).toThrow(
      expect.objectContaining({ constructor: InvalidOptionError, schedulerType: "simulate", option }),
    );
  });

  it("passes on createScheduler's errors", () => {
    expect(() => simulate({ type: "NoSuchLR" }, { steps: 1 })).toThrow(UnknownSchedulerTypeError);
    expect(() => simulate({ type: "StepLR", params: { step_size: 0 } }, { steps: 1 })).toThrow(
      expect.objectContaining({ constructor: InvalidOptionError, option: "step_size" }),
    );
  });

  it("previews a million steps", () => {
    const sim = simulate({ type: "StepLR", params: { step_size: 1000, gamma: 0.99 } }, { steps: 1_000_000, lr: 0.1 });
    expect(sim.groups[0]!.lr[999]).toBe(0.1);
    expect(sim.groups[0]!.lr[1_000_000]).toBe(0.1 * 0.99 ** 1000);
  });

  it("steps a scheduler whose step() is its own (a registered factory's), recording what it writes", () => {
    registerScheduler({
      type: "OwnStepLR",
      create: (optimizer) => {
        const scheduler = createScheduler(optimizer, { type: "StepLR", params: { step_size: 1 } });
        scheduler.step = () => {
          for (const g of optimizer.paramGroups) g.lr = g.lr / 4;
        };
        return scheduler;
      },
    });
    try {
      expect(Array.from(simulate({ type: "OwnStepLR" }, { steps: 3, lr: 1 }).groups[0]!.lr)).toEqual([1, 0.25, 0.0625, 0.015625]);
    } finally {
      unregisterScheduler("OwnStepLR");
    }
  });

  it("refuses a preview past a schedule's end as step() does", () => {
    const config = { type: "OneCycleLR", params: { max_lr: 0.1, total_steps: 10 } };
    expect(() => simulate(config, { steps: 11, lr: 0.1, groups: [{ momentum: 0.9 }] })).toThrow(expect.objectContaining({ code: "past-end" }));
    expect(simulate(config, { steps: 10, lr: 0.1, groups: [{ momentum: 0.9 }] }).groups[0]!.lr).toHaveLength(11);
  });
});

describe("simulate gives what stepping the schedule writes", () => {
  const variants: Record<string, Partial<ParamGroup>[]> = {
    "SGD groups": [
      { lr: 0.1, momentum: 0.9, weightDecay: 0.01 },
      { lr: 0.02, momentum: 0.85, weightDecay: 0 },
    ],
    "Adam groups": [
      { lr: 0.1, betas: [0.9, 0.999], weightDecay: 0.01 },
      { lr: 0.05, betas: [0.95, 0.99], weightDecay: 0.1 },
      { lr: 0.01, betas: [0.9, 0.999], weightDecay: 0 },
    ],
  };
  const configs = Object.entries(readPlotConfigs()).filter(([, entry]) => entry.metrics === undefined);
  const cases = configs.flatMap(([type, entry]) => Object.keys(variants).map((variant) => [type, variant, entry] as const));

  it.each(cases)("%s on %s, bit for bit", (type, variant, entry) => {
    const { config } = simulationOf(type, entry);
    const groups = (variants[variant] ?? []).slice(0, type === "PerGroupScheduler" ? (config.params.schedules as unknown[]).length : undefined);
    const steps = Math.min(entry.steps, 300);
    let sim: ReturnType<typeof simulate>;
    try {
      sim = simulate(config, { steps, groups });
    } catch (error) {
      // Refused for these groups (a schedule that needs betas, say): stepping refuses them too.
      expect(() => createScheduler({ paramGroups: structuredClone(groups) as ParamGroup[], defaults: { ...groups[0] } }, config)).toThrow((error as Error).message);
      return;
    }
    const optimizer: Optimizer = { paramGroups: structuredClone(groups) as ParamGroup[], defaults: { ...groups[0] } };
    const scheduler = createScheduler(optimizer, config);
    for (let t = 0; t <= steps; t++) {
      if (t > 0) scheduler.step();
      optimizer.paramGroups.forEach((g, i) => {
        const recorded = sim.groups[i]!;
        expect(Object.is(recorded.lr[t], g.lr), `lr of group ${i} at step ${t}`).toBe(true);
        if (recorded.weightDecay) expect(recorded.weightDecay[t]).toBe(g.weightDecay);
        if (recorded.beta2) expect(recorded.beta2[t]).toBe(g.betas![1]);
        if (recorded.momentum) expect(recorded.momentum[t]).toBe(g.betas ? g.betas[0] : g.momentum);
      });
    }
  });
});
