import { describe, expect, it } from "vitest";
import {
  InvalidOptimizerError,
  InvalidOptionError,
  PolynomialDecayScheduleWithWarmup,
  StepError,
  createScheduler,
  getPolynomialDecayScheduleWithWarmup,
} from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { expectClose, lrTrace, viaJson } from "./lr-trace.js";

describe("getPolynomialDecayScheduleWithWarmup", () => {
  it("decays as (lr_init - lr_end) * remaining ** power + lr_end, then holds lr_end", () => {
    const optimizer = sgd(1);
    const scheduler = getPolynomialDecayScheduleWithWarmup(optimizer, { numWarmupSteps: 0, numTrainingSteps: 4, lrEnd: 0.1, power: 2 });
    expectClose(lrTrace(optimizer, scheduler, 6), [1, 0.9 * 0.5625 + 0.1, 0.9 * 0.25 + 0.1, 0.9 * 0.0625 + 0.1, 0.1, 0.1, 0.1]);
  });

  it("scales every group by decay / defaults.lr, as Python does", () => {
    const optimizer = { paramGroups: [{ lr: 0.5 }, { lr: 2 }], defaults: { lr: 1 } };
    const scheduler = getPolynomialDecayScheduleWithWarmup(optimizer, { numWarmupSteps: 0, numTrainingSteps: 2, lrEnd: 0 });
    scheduler.step();
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.25, 1]);
    scheduler.step();
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0, 0]);
  });

  it("without optimizer defaults uses the first group's initial lr as lr_init, also after a resume", () => {
    const make = () => ({ paramGroups: [{ lr: 0.4 }, { lr: 0.8 }] });
    const options = { numWarmupSteps: 2, numTrainingSteps: 6, lrEnd: 0.04 };
    const optimizer = make();
    const scheduler = new PolynomialDecayScheduleWithWarmup(optimizer, options);
    for (let k = 0; k < 4; k++) scheduler.step();
    // halfway through the decay: (0.4 - 0.04) * 0.5 + 0.04 = 0.22 for lr_init 0.4
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.22, 15);
    expect(optimizer.paramGroups[1]!.lr).toBeCloseTo(0.44, 15);

    const saved = viaJson({ groups: optimizer.paramGroups, state: scheduler.stateDict() }) as { groups: { lr: number }[]; state: unknown };
    const resumedOptimizer = make();
    const resumed = new PolynomialDecayScheduleWithWarmup(resumedOptimizer, options);
    resumedOptimizer.paramGroups.forEach((g, i) => Object.assign(g, saved.groups[i]));
    resumed.loadStateDict(saved.state);
    resumed.step();
    expect(resumedOptimizer.paramGroups[0]!.lr).toBeCloseTo(0.36 * 0.25 + 0.04, 15);
  });

  it("refuses lr_end not below defaults.lr, naming it as the caller spelled it", () => {
    const error = thrown(() => getPolynomialDecayScheduleWithWarmup(sgd(0.001), { numWarmupSteps: 1, numTrainingSteps: 5, lrEnd: 0.001 })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("lrEnd");
    const python = thrown(() =>
      createScheduler(sgd(0.001), { type: "get_polynomial_decay_schedule_with_warmup", params: { num_warmup_steps: 1, num_training_steps: 5, lr_end: 0.002 } }),
    ) as InvalidOptionError;
    expect(python).toBeInstanceOf(InvalidOptionError);
    expect(python.option).toBe("lr_end");
  });

  it("runs a zero-length decay up to the step where Python divides by zero, and refuses that step, changing nothing", () => {
    const optimizer = sgd(1);
    const scheduler = getPolynomialDecayScheduleWithWarmup(optimizer, { numWarmupSteps: 2, numTrainingSteps: 2 });
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
    const error = thrown(() => scheduler.step()) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(error.code).toBe("non-finite-value");
    expect(scheduler.lastEpoch).toBe(1);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
    // Past num_training_steps Python returns lr_end / lr_init again, without dividing by the decay.
    scheduler.step(3);
    expect(optimizer.paramGroups[0]!.lr).toBe(1e-7);
    // With no warmup either, Python fails in the constructor (LambdaLR evaluates the factor at step 0).
    expect(() => getPolynomialDecayScheduleWithWarmup(sgd(1), { numWarmupSteps: 0, numTrainingSteps: 0 })).toThrow(InvalidOptionError);
  });

  it("accepts a negative power and a negative lr_end, as Python does, refusing only the step where 0 ** power has no value", () => {
    const optimizer = sgd(1);
    const scheduler = getPolynomialDecayScheduleWithWarmup(optimizer, { numWarmupSteps: 0, numTrainingSteps: 4, lrEnd: -0.5, power: -1 });
    const trace = lrTrace(optimizer, scheduler, 3);
    expectClose(trace, [1, 1.5 / 0.75 - 0.5, 1.5 / 0.5 - 0.5, 1.5 / 0.25 - 0.5]);
    const error = thrown(() => scheduler.step()) as StepError; // step 4: Python's 0.0 ** -1 raises ZeroDivisionError
    expect(error).toBeInstanceOf(StepError);
    expect(optimizer.paramGroups[0]!.lr).toBe(trace[3]);
    scheduler.step(5); // past the end: lr_end / lr_init
    expect(optimizer.paramGroups[0]!.lr).toBe(-0.5);
  });

  it("refuses a non-numeric defaults.lr", () => {
    const defaults = thrown(() =>
      getPolynomialDecayScheduleWithWarmup({ paramGroups: [{ lr: 1 }], defaults: { lr: "1e-3" } }, { numWarmupSteps: 1, numTrainingSteps: 5 }),
    ) as InvalidOptimizerError;
    expect(defaults).toBeInstanceOf(InvalidOptimizerError);
    expect(defaults.field).toBe("defaults.lr");
  });
});
