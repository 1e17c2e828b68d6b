import { describe, expect, it } from "vitest";
import {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingLR,
  CyclicLR,
  EpochUnits,
  ExponentialLR,
  LinearLR,
  OneCycleLR,
  PerGroupScheduler,
  SequentialLR,
  StepLR,
  WithWarmup,
  type LRScheduler,
  type Optimizer,
} from "../../src/index.js";
import { sgd } from "../support/optimizer.js";

type Build = (optimizer: Optimizer) => LRScheduler;

/** Composites over several groups (one with base lr 0), nested, and sharing a sub-scheduler between two parents. */
const cases: Record<string, Build> = {
  SequentialLR: (o) =>
    new SequentialLR(o, {
      schedulers: [new LinearLR(o, { startFactor: 0.1, totalIters: 4 }), new ExponentialLR(o, { gamma: 0.9 }), new CosineAnnealingLR(o, { tMax: 7, etaMin: 0.001 })],
      milestones: [4, 9],
    }),
  ChainedScheduler: (o) =>
    new ChainedScheduler(o, { schedulers: [new ConstantLR(o, { factor: 0.5, totalIters: 3 }), new ExponentialLR(o, { gamma: 0.95 }), new CosineAnnealingLR(o, { tMax: 11 })] }),
  "ChainedScheduler (absolute first)": (o) =>
    new ChainedScheduler(o, { schedulers: [new CyclicLR(o, { baseLr: 0.01, maxLr: 0.1, stepSizeUp: 3, cycleMomentum: false }), new ExponentialLR(o, { gamma: 0.9 })] }),
  WithWarmup: (o) => new WithWarmup(o, { schedule: new CosineAnnealingLR(o, { tMax: 10 }), warmupSteps: 4, warmupStartFactor: 0.2, warmupMode: "cosine" }),
  PerGroupScheduler: (o) =>
    new PerGroupScheduler(o, {
      schedules: [new StepLR(o, { stepSize: 3, gamma: 0.5 }), new CosineAnnealingLR(o, { tMax: 6 }), new LinearLR(o, { totalIters: 5 })],
      lrScale: [1, 0.5, 2],
    }),
  "PerGroupScheduler (one schedule)": (o) => new PerGroupScheduler(o, { schedules: [new ExponentialLR(o, { gamma: 0.8 })], lrScale: 0.5 }),
  EpochUnits: (o) => new EpochUnits(o, { schedule: new CosineAnnealingLR(o, { tMax: 3 }), stepsPerEpoch: 4, endEpoch: 2.5 }),
  "nested composites": (o) => {
    const seq = new SequentialLR(o, { schedulers: [new LinearLR(o, { startFactor: 0.5, totalIters: 2 }), new StepLR(o, { stepSize: 2, gamma: 0.7 })], milestones: [3] });
    const warm = new WithWarmup(o, { schedule: new EpochUnits(o, { schedule: new CosineAnnealingLR(o, { tMax: 4 }), stepsPerEpoch: 3 }), warmupSteps: 2 });
    return new ChainedScheduler(o, { schedulers: [seq, warm] });
  },
  "one sub-scheduler under two parents": (o) => {
    const shared = new SequentialLR(o, { schedulers: [new LinearLR(o, { startFactor: 0.25, totalIters: 3 }), new CosineAnnealingLR(o, { tMax: 5 })], milestones: [3] });
    const early = new EpochUnits(o, { schedule: shared, stepsPerEpoch: 2 });
    const late = new WithWarmup(o, { schedule: shared, warmupSteps: 3 });
    return new ChainedScheduler(o, { schedulers: [early, late] });
  },
};

const STEPS = 25;

describe("composites: the shared part computed once per step", () => {
  // One group takes its own path in `sharedAt` (the lr itself, no buffer): both are checked (PerGroupScheduler with three schedules needs three groups).
  for (const [name, build, groups] of Object.entries(cases).flatMap(([n, b]) => [
    [n, b, [0.1, 0.05, 0]] as const,
    [`${n} (one group)`, b, [0.1]] as const,
  ]).filter(([n]) => n !== "PerGroupScheduler (one group)")) {
    const lrsOf = (o: Optimizer) => o.paramGroups.map((g) => g.lr);

    it(`${name}: scheduleWithShared(i, t, sharedScheduleAt(t)) is scheduleAt(i, t), bit for bit`, () => {
      const scheduler = build(sgd(...groups));
      for (let t = 0; t < STEPS; t++) {
        const shared = scheduler.sharedScheduleAt(t);
        for (let i = 0; i < groups.length; i++) expect(Object.is(scheduler.scheduleWithShared(i, t, shared), scheduler.scheduleAt(i, t))).toBe(true);
      }
    });

    it(`${name}: step() writes the closed form, also with previews at other steps in between`, () => {
      const optimizer = sgd(...groups);
      const scheduler = build(optimizer);
      const preview = build(sgd(...groups));
      for (let t = 1; t < STEPS; t++) {
        scheduler.step();
        // A preview leaves the groups alone; one scheduler evaluated at other steps does not disturb the next step().
        scheduler.scheduleAt(0, STEPS + t);
        scheduler.sharedScheduleAt(3 * t);
        expect(lrsOf(optimizer)).toEqual(groups.map((_, i) => preview.scheduleAt(i, t)));
      }
    });
  }

  it("a stale shared part is recomputed: scheduleWithShared at another step than the last sharedScheduleAt", () => {
    for (const build of Object.values(cases)) {
      const scheduler = build(sgd(0.1, 0.05, 0.2));
      scheduler.sharedScheduleAt(5);
      expect(Object.is(scheduler.scheduleWithShared(1, 7, scheduler.sharedScheduleAt(7)), scheduler.scheduleAt(1, 7))).toBe(true);
    }
  });

  it("ChainedScheduler: a sub-scheduler whose base lr is 0 contributes the factor 0", () => {
    const optimizer = sgd(0.1, 0);
    const scheduler = new ChainedScheduler(optimizer, { schedulers: [new ConstantLR(optimizer, { factor: 0.5, totalIters: 2 }), new ExponentialLR(optimizer, { gamma: 0.9 })] });
    for (let t = 0; t < 5; t++) {
      expect(scheduler.scheduleWithShared(1, t, scheduler.sharedScheduleAt(t))).toBe(0);
      scheduler.step();
    }
    expect(optimizer.paramGroups[1]!.lr).toBe(0);
  });

  it("the active sub-scheduler writes its momentum at its own step", () => {
    const optimizer = sgd(0.1, 0.2);
    const cycle = new OneCycleLR(optimizer, { maxLr: 1, totalSteps: 20 });
    const scheduler = new SequentialLR(optimizer, { schedulers: [new ConstantLR(optimizer, { factor: 0.5, totalIters: 3 }), cycle], milestones: [3] });
    const reference = new OneCycleLR(sgd(0.1, 0.2), { maxLr: 1, totalSteps: 20 });
    for (let t = 1; t < 10; t++) {
      scheduler.step();
      if (t > 3) reference.step();
      if (t >= 3) {
        expect(cycle.lastEpoch).toBe(t - 3);
        expect(optimizer.paramGroups.map((g) => g.momentum)).toEqual(reference.optimizer.paramGroups.map((g) => g.momentum));
      }
    }
  });
});
