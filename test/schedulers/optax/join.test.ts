import { describe, expect, it } from "vitest";
import {
  InvalidOptionError,
  OptaxJoinSchedules,
  StepLR,
  constantSchedule,
  cosineDecaySchedule,
  createScheduler,
  joinSchedules,
  linearSchedule,
  type Optimizer,
} from "../../../src/index.js";
import { thrown } from "../../support/optimizer.js";
import { expectClose, groups, run, values } from "./helpers.js";

const constant = (value: number) => ({ type: "constant_schedule", params: { value } });

describe("join_schedules (optax's JoinTest)", () => {
  it("test_join_schedules", () => {
    const lrs = values("join_schedules", { schedules: [constant(1), constant(2), constant(1)], boundaries: [3, 6] }, 6);
    expect(lrs).toEqual([1, 1, 1, 2, 2, 2, 1]);
  });

  it("each schedule gets the count minus its boundary", () => {
    const lrs = values("join_schedules", { schedules: [constant(0.5), { type: "linear_schedule", params: { init_value: 0, end_value: 1, transition_steps: 4 } }], boundaries: [3] }, 8);
    expect(lrs).toEqual([0.5, 0.5, 0.5, 0, 0.25, 0.5, 0.75, 1, 1]);
  });

  it("takes scheduler instances on the same optimizer (joinSchedules)", () => {
    const optimizer = groups();
    const warmup = linearSchedule(optimizer, { initValue: 0, endValue: 0.1, transitionSteps: 10 });
    const decay = cosineDecaySchedule(optimizer, { initValue: 0.1, decaySteps: 90 });
    const scheduler = joinSchedules(optimizer, { schedules: [warmup, decay], boundaries: [10] });
    expect(scheduler).toBeInstanceOf(OptaxJoinSchedules);
    const lrs = run(scheduler, 100);
    expect(lrs[5]).toBeCloseTo(0.05, 16);
    expect(lrs[10]).toBe(0.1);
    expect(lrs[55]).toBeCloseTo(0.05, 15);
    expect(lrs[100]).toBe(0);
    // The active child's counter follows its own count.
    expect(decay.lastEpoch).toBe(90);
    expect(warmup.lastEpoch).toBe(9);
  });
});

describe("join_schedules: nothing is checked, as in optax", () => {
  it("a smaller later boundary overrides an earlier one: schedules[1] is never reached", () => {
    const lrs = values("join_schedules", { schedules: [constant(1), constant(2), constant(3)], boundaries: [6, 3] }, 8);
    expect(lrs).toEqual([1, 1, 1, 3, 3, 3, 3, 3, 3]);
  });

  it("zip() drops extra schedules or extra boundaries", () => {
    expect(values("join_schedules", { schedules: [constant(1), constant(2), constant(3)], boundaries: [2] }, 4)).toEqual([1, 1, 2, 2, 2]);
    expect(values("join_schedules", { schedules: [constant(1), constant(2)], boundaries: [2, 3, 4] }, 4)).toEqual([1, 1, 2, 2, 2]);
    expect(values("join_schedules", { schedules: [constant(7)], boundaries: [] }, 2)).toEqual([7, 7, 7]);
  });

  it("a negative boundary runs its schedule ahead (count - boundary > count)", () => {
    const lrs = values("join_schedules", { schedules: [constant(1), { type: "linear_schedule", params: { init_value: 0, end_value: 10, transition_steps: 10 } }], boundaries: [-5] }, 3);
    expect(lrs).toEqual([5, 6, 7, 8]);
  });

  it("an empty schedules list is refused: optax raises IndexError at the first evaluation (count 0, which construction performs)", () => {
    const error = thrown(() => createScheduler(groups(), { type: "join_schedules", params: { schedules: [], boundaries: [] } })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("schedules");
  });

  it("a child's invalid config is named at its path, and the groups are left as they were", () => {
    const optimizer = groups();
    const error = thrown(() =>
      createScheduler(optimizer, { type: "join_schedules", params: { schedules: [constant(1), { type: "cosine_decay_schedule", params: { init_value: 1, decay_steps: 0 } }], boundaries: [3] } }),
    ) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("schedules[1].decay_steps");
    expect(optimizer.paramGroups).toEqual(groups().paramGroups);
  });

  it("refuses a child of another optimizer", () => {
    const other = constantSchedule(groups(), { value: 1 });
    const optimizer = groups();
    const error = thrown(() => joinSchedules(optimizer, { schedules: [constantSchedule(optimizer, { value: 2 }), other], boundaries: [1] })) as InvalidOptionError;
    expect(error.option).toBe("schedules[1]");
  });
});

describe("join_schedules with children of any family", () => {
  // A PyTorch child takes its base lr from the group's initialLr (its lr when it has none, which an
  // earlier optax child has already overwritten with its count-0 value): give the groups one.
  const torchGroups = (): Optimizer => ({ paramGroups: [{ lr: 0.1, initialLr: 0.1 }, { lr: 0.2, initialLr: 0.2 }] });
  const config = {
    type: "join_schedules",
    params: {
      schedules: [
        { type: "warmup_constant_schedule", params: { init_value: 0, peak_value: 0.1, warmup_steps: 5 } },
        { type: "StepLR", params: { step_size: 3, gamma: 0.5 } },
      ],
      boundaries: [5],
    },
  };
  const expected = [
    [0, 0.02, 0.04, 0.06, 0.08, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025, 0.025, 0.0125, 0.0125],
    [0, 0.02, 0.04, 0.06, 0.08, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025],
  ];
  const lrsOf = (optimizer: Optimizer) => optimizer.paramGroups.map((g) => g.lr);

  it("an optax warmup, then a torch StepLR on its own epochs from the boundary", () => {
    const optimizer = torchGroups();
    const scheduler = createScheduler(optimizer, config);
    const seen = [lrsOf(optimizer)];
    for (let k = 0; k < 15; k++) {
      scheduler.step();
      seen.push(lrsOf(optimizer));
    }
    expectClose(seen.map((g) => g[0]!), expected[0]!, 1e-16);
    expectClose(seen.map((g) => g[1]!), expected[1]!, 1e-16);
    const step = (scheduler as OptaxJoinSchedules).options.schedules[1]!;
    expect(step).toBeInstanceOf(StepLR);
    expect(step.lastEpoch).toBe(10);
  });

  for (const restoreOptimizerFirst of [true, false]) {
    it(`resumes from its JSON state dict (optimizer ${restoreOptimizerFirst ? "restored first" : "not restored"}) and continues number for number`, () => {
      const optimizer = torchGroups();
      const scheduler = createScheduler(optimizer, config);
      for (let k = 0; k < 7; k++) scheduler.step();
      const saved = JSON.stringify({ scheduler: scheduler.stateDict(), groups: optimizer.paramGroups });
      const { scheduler: dict, groups: savedGroups } = JSON.parse(saved) as { scheduler: unknown; groups: Optimizer["paramGroups"] };
      const resumedOptimizer = torchGroups();
      const resumed = createScheduler(resumedOptimizer, config);
      if (restoreOptimizerFirst) resumedOptimizer.paramGroups.forEach((g, i) => Object.assign(g, savedGroups[i]));
      resumed.loadStateDict(dict);
      expect(resumed.lastEpoch).toBe(7);
      expectClose(lrsOf(resumedOptimizer), [expected[0]![7]!, expected[1]![7]!], 1e-16);
      const seen = [];
      for (let k = 7; k < 15; k++) {
        resumed.step();
        seen.push(lrsOf(resumedOptimizer));
      }
      expectClose(seen.map((g) => g[0]!), expected[0]!.slice(8), 1e-16);
      expectClose(seen.map((g) => g[1]!), expected[1]!.slice(8), 1e-16);
      const children = (resumed.stateDict() as { children?: { type: string; lastEpoch: number }[] }).children!;
      expect(children.map((c) => [c.type, c.lastEpoch])).toEqual([["warmup_constant_schedule", 4], ["StepLR", 10]]);
    });
  }

  it("refuses a state dict whose children are not this join's", () => {
    const scheduler = createScheduler(torchGroups(), config);
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict())) as { children: unknown[] };
    dict.children = dict.children.slice(0, 1);
    expect(() => createScheduler(torchGroups(), config).loadStateDict(dict)).toThrow(/children/);
  });

  it("nests: a join of joins", () => {
    const inner = { type: "join_schedules", params: { schedules: [constant(1), constant(2)], boundaries: [2] } };
    expect(values("join_schedules", { schedules: [inner, constant(3)], boundaries: [3] }, 4)).toEqual([1, 1, 2, 3, 3]);
  });
});
