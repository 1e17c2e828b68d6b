import { describe, expect, it } from "vitest";
import {
  ChainedScheduler,
  ConstantLR,
  CosineAnnealingLR,
  ExponentialLR,
  InvalidOptionError,
  InvalidStateDictError,
  LinearLR,
  ReduceLROnPlateau,
  SequentialLR,
  StepLR,
  createScheduler,
} from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

const lrs = (o: { paramGroups: { lr: number }[] }) => o.paramGroups.map((g) => g.lr);

describe("SequentialLR", () => {
  it("runs each schedule on its own clock from its milestone", () => {
    const optimizer = sgd(1);
    const scheduler = new SequentialLR(optimizer, {
      schedulers: [new ConstantLR(optimizer, { factor: 0.5, totalIters: 10 }), new ExponentialLR(optimizer, { gamma: 0.5 })],
      milestones: [2],
    });
    const seen = [lrs(optimizer)[0]];
    for (let k = 0; k < 4; k++) {
      scheduler.step();
      seen.push(lrs(optimizer)[0]);
    }
    expect(seen).toEqual([0.5, 0.5, 1, 0.5, 0.25]);
  });

  it("is built by createScheduler from nested configs and resumes from JSON", () => {
    const config = {
      type: "SequentialLR",
      params: {
        schedulers: [
          { type: "LinearLR", params: { start_factor: 0.1, total_iters: 5 } },
          { type: "CosineAnnealingLR", params: { T_max: 20, eta_min: 0.01 } },
        ],
        milestones: [5],
      },
    };
    const optimizer = sgd(0.1);
    const scheduler = createScheduler(optimizer, config);
    for (let k = 0; k < 12; k++) scheduler.step();
    const saved = JSON.stringify(scheduler.stateDict());
    expect(JSON.parse(saved).children).toHaveLength(2);
    const resumedOptimizer = sgd(0.1);
    const resumed = createScheduler(resumedOptimizer, config);
    resumed.loadStateDict(JSON.parse(saved));
    for (let k = 0; k < 10; k++) {
      scheduler.step();
      resumed.step();
      expect(lrs(resumedOptimizer)).toEqual(lrs(optimizer));
    }
    expect(lrs(optimizer)[0]).toBeCloseTo(0.01 + 0.09 * (1 + Math.cos((Math.PI * 17) / 20)) / 2, 15);
  });

  it("refuses milestones that do not fit the schedulers", () => {
    const optimizer = sgd(1);
    const make = (milestones: unknown) => () =>
      new SequentialLR(optimizer, { schedulers: [new StepLR(optimizer, { stepSize: 1 }), new StepLR(optimizer, { stepSize: 2 })], milestones } as never);
    for (const milestones of [[], [1, 2], [-1], [1.5], "3"]) {
      const error = thrown(make(milestones)) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe("milestones");
    }
  });

  it("refuses a scheduler of another optimizer and ReduceLROnPlateau", () => {
    const optimizer = sgd(1);
    const other = new StepLR(sgd(1), { stepSize: 1 });
    const error = thrown(() => new SequentialLR(optimizer, { schedulers: [new StepLR(optimizer, { stepSize: 1 }), other], milestones: [3] })) as InvalidOptionError;
    expect(error.option).toBe("schedulers[1]");
    const plateau = new ReduceLROnPlateau(optimizer, {});
    const error2 = thrown(() => new SequentialLR(optimizer, { schedulers: [plateau, new StepLR(optimizer, { stepSize: 1 })], milestones: [3] })) as InvalidOptionError;
    expect(error2.option).toBe("schedulers[0]");
    expect(error2.expected).toContain("ReduceLROnPlateau");
  });

  it("refuses a state dict with the wrong number of children, naming the field", () => {
    const optimizer = sgd(1);
    const scheduler = new SequentialLR(optimizer, {
      schedulers: [new StepLR(optimizer, { stepSize: 1 }), new StepLR(optimizer, { stepSize: 2 })],
      milestones: [3],
    });
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict()));
    dict.children.pop();
    expect((thrown(() => scheduler.loadStateDict(dict)) as InvalidStateDictError).field).toBe("children");
    const dict2 = JSON.parse(JSON.stringify(scheduler.stateDict()));
    dict2.children[1].options.stepSize = 0;
    expect((thrown(() => scheduler.loadStateDict(dict2)) as InvalidStateDictError).field).toBe("children[1].options.stepSize");
  });
});

describe("ChainedScheduler", () => {
  it("multiplies the factors of every schedule at the same step", () => {
    const optimizer = sgd(1, 2);
    const scheduler = new ChainedScheduler(optimizer, {
      schedulers: [new LinearLR(optimizer, { startFactor: 0.5, totalIters: 2 }), new StepLR(optimizer, { stepSize: 2, gamma: 0.1 })],
    });
    const seen = [lrs(optimizer)];
    for (let k = 0; k < 3; k++) {
      scheduler.step();
      seen.push(lrs(optimizer));
    }
    const close = (a: number[], b: number[]) => a.every((x, i) => Math.abs(x - b[i]!) < 1e-15);
    expect(close(seen[0]!, [0.5, 1])).toBe(true);
    expect(close(seen[1]!, [0.75, 1.5])).toBe(true);
    expect(close(seen[2]!, [0.1, 0.2])).toBe(true);
    expect(close(seen[3]!, [0.1, 0.2])).toBe(true);
  });

  it("writes nothing new at construction: the product of the children's initial factors", () => {
    const optimizer = sgd(1);
    new ChainedScheduler(optimizer, {
      schedulers: [new ConstantLR(optimizer, { factor: 0.25, totalIters: 3 }), new CosineAnnealingLR(optimizer, { tMax: 10 })],
    });
    expect(lrs(optimizer)).toEqual([0.25]);
  });

  it("refuses an empty list", () => {
    const error = thrown(() => createScheduler(sgd(1), { type: "ChainedScheduler", params: { schedulers: [] } })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("schedulers");
  });
});

describe("a composite refused by createScheduler", () => {
  it("leaves the optimizer as it was, although its sub-schedulers were built", () => {
    const optimizer = sgd(0.1, 0.2);
    const before = JSON.stringify(optimizer);
    const refused = [
      { type: "SequentialLR", params: { schedulers: [{ type: "ConstantLR", params: { factor: 0.5 } }, { type: "StepLR", params: { step_size: 2 } }], milestones: [1, 2] } },
      { type: "ChainedScheduler", params: { schedulers: [{ type: "OneCycleLR", params: { max_lr: 1, total_steps: 10 } }, { type: "ReduceLROnPlateau", params: {} }] } },
      { type: "WithWarmup", params: { warmup_steps: -1, schedule: { type: "ConstantLR", params: { factor: 0.5 } } } },
    ];
    for (const config of refused) {
      expect(thrown(() => createScheduler(optimizer, config))).toBeInstanceOf(InvalidOptionError);
      expect(JSON.stringify(optimizer)).toBe(before);
    }
  });
});
