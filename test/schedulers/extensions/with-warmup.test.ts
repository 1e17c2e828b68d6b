import { describe, expect, it } from "vitest";
import {
  CosineAnnealingLR,
  InvalidOptionError,
  ReduceLROnPlateau,
  StepLR,
  WithWarmup,
  createScheduler,
  withWarmup,
  type SchedulerConfig,
} from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

const run = (scheduler: { step(): void; optimizer: { paramGroups: { lr: number }[] } }, steps: number) => {
  const seen = [scheduler.optimizer.paramGroups[0]!.lr];
  for (let k = 0; k < steps; k++) {
    scheduler.step();
    seen.push(scheduler.optimizer.paramGroups[0]!.lr);
  }
  return seen;
};

describe("withWarmup", () => {
  it("ramps linearly, then runs the inner schedule on its own clock", () => {
    const optimizer = sgd(1);
    const scheduler = withWarmup(new StepLR(optimizer, { stepSize: 2, gamma: 0.5 }), { steps: 4 });
    expect(run(scheduler, 8)).toEqual([0, 0.25, 0.5, 0.75, 1, 1, 0.5, 0.5, 0.25]);
  });

  it("starts from startFactor, in the exponential and cosine shapes", () => {
    const exp = withWarmup(new StepLR(sgd(1), { stepSize: 100 }), { steps: 2, startFactor: 0.01, mode: "exponential" });
    expect(run(exp, 2).map((x) => +x.toPrecision(12))).toEqual([0.01, 0.1, 1]);
    const cos = withWarmup(new StepLR(sgd(1), { stepSize: 100 }), { steps: 2, startFactor: 0.5, mode: "cosine" });
    expect(run(cos, 2)).toEqual([0.5, 0.75, 1]);
    const lin = withWarmup(new StepLR(sgd(2), { stepSize: 100 }), { steps: 4, startFactor: 0.5 });
    expect(run(lin, 4)).toEqual([1, 1.25, 1.5, 1.75, 2]);
  });

  it("is built by createScheduler with the warmup options and a nested schedule, and resumes exactly", () => {
    const config = {
      type: "WithWarmup",
      params: { warmup_steps: 10, warmup_start_factor: 0.1, schedule: { type: "CosineAnnealingLR", params: { T_max: 50, eta_min: 0.001 } } },
    };
    const optimizer = sgd(0.1);
    const scheduler = createScheduler(optimizer, config);
    expect(scheduler).toBeInstanceOf(WithWarmup);
    for (let k = 0; k < 25; k++) scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBe(new CosineAnnealingLR(sgd(0.1), { tMax: 50, etaMin: 0.001 }).scheduleAt(0, 15));
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict()));
    expect(dict.children[0].type).toBe("CosineAnnealingLR");
    const resumedOptimizer = sgd(0.1);
    const resumed = createScheduler(resumedOptimizer, config);
    resumed.loadStateDict(dict);
    for (let k = 0; k < 30; k++) {
      scheduler.step();
      resumed.step();
      expect(resumedOptimizer.paramGroups[0]!.lr).toBe(optimizer.paramGroups[0]!.lr);
    }
  });

  it("refuses what cannot be warmed up", () => {
    const optimizer = sgd(1);
    const cases: [() => unknown, string][] = [
      [() => withWarmup(new StepLR(optimizer, { stepSize: 1 }), { steps: -1 }), "warmupSteps"],
      [() => withWarmup(new StepLR(optimizer, { stepSize: 1 }), { steps: 2.5 }), "warmupSteps"],
      [() => withWarmup(new StepLR(optimizer, { stepSize: 1 }), { steps: 2, startFactor: 1.5 }), "warmupStartFactor"],
      [() => withWarmup(new StepLR(optimizer, { stepSize: 1 }), { steps: 2, mode: "exponential" }), "warmup_start_factor"],
      [() => withWarmup(new StepLR(optimizer, { stepSize: 1 }), { steps: 2, mode: "square" as never }), "warmupMode"],
      [() => withWarmup(new ReduceLROnPlateau(optimizer, {}), { steps: 2 }), "schedule"],
      [() => createScheduler(optimizer, { type: "WithWarmup", params: { warmup_steps: 2 } } as SchedulerConfig), "schedule"],
    ];
    for (const [make, option] of cases) {
      const error = thrown(make) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
    }
  });
});
