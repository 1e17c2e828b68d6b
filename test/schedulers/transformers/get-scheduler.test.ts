import { describe, expect, it } from "vitest";
import {
  ConstantSchedule,
  ConstantScheduleWithWarmup,
  CosineScheduleWithWarmup,
  CosineWithHardRestartsScheduleWithWarmup,
  CosineWithMinLrScheduleWithWarmup,
  CosineWithMinLrScheduleWithWarmupLrRate,
  HF_SCHEDULER_TYPES,
  InvalidOptionError,
  InverseSqrtSchedule,
  LinearScheduleWithWarmup,
  PolynomialDecayScheduleWithWarmup,
  ReduceOnPlateauSchedule,
  WsdSchedule,
  createScheduler,
  getScheduler,
} from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("getScheduler", () => {
  it("maps every SchedulerType name to its schedule", () => {
    const kwargs: Record<string, Record<string, unknown>> = {
      cosine_with_min_lr: { min_lr_rate: 0.1 },
      cosine_warmup_with_min_lr: { min_lr_rate: 0.1 },
      warmup_stable_decay: { num_decay_steps: 10 },
    };
    const built = HF_SCHEDULER_TYPES.map((name) =>
      getScheduler(name, sgd(1), { numWarmupSteps: 10, numTrainingSteps: 100, schedulerSpecificKwargs: kwargs[name] }).constructor,
    );
    expect(built).toEqual([
      LinearScheduleWithWarmup,
      CosineScheduleWithWarmup,
      CosineWithHardRestartsScheduleWithWarmup,
      PolynomialDecayScheduleWithWarmup,
      ConstantSchedule,
      ConstantScheduleWithWarmup,
      InverseSqrtSchedule,
      ReduceOnPlateauSchedule,
      CosineWithMinLrScheduleWithWarmup,
      CosineWithMinLrScheduleWithWarmupLrRate,
      WsdSchedule,
    ]);
  });

  it("passes the step counts and the specific kwargs on", () => {
    const scheduler = getScheduler("cosine_with_restarts", sgd(1), { numWarmupSteps: 0, numTrainingSteps: 8, schedulerSpecificKwargs: { num_cycles: 2 } });
    expect(scheduler.scheduleAt(0, 4)).toBe(1);
    expect(scheduler.scheduleAt(0, 2)).toBeCloseTo(0.5, 15);
  });

  it("passes only the warmup to inverse_sqrt and constant_with_warmup, as Python does", () => {
    const scheduler = getScheduler("inverse_sqrt", sgd(1), { numWarmupSteps: 4, schedulerSpecificKwargs: { timescale: 1000 } });
    expect(scheduler.scheduleAt(0, 16)).toBeCloseTo(0.5, 15);
  });

  it("hands the kwargs of reduce_lr_on_plateau to ReduceLROnPlateau", () => {
    const optimizer = sgd(1);
    const scheduler = getScheduler("reduce_lr_on_plateau", optimizer, { schedulerSpecificKwargs: { factor: 0.5, patience: 0 } });
    scheduler.step(1);
    scheduler.step(2);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
  });

  const refused: [string, GetArgs, string][] = [
    ["an unknown name", ["cosine_annealing", {}], "name"],
    ["a missing warmup", ["linear", { numTrainingSteps: 10 }], "num_warmup_steps"],
    ["a missing total for linear", ["linear", { numWarmupSteps: 1 }], "num_training_steps"],
    ["a step count repeated in the kwargs", ["cosine", { numWarmupSteps: 1, numTrainingSteps: 10, schedulerSpecificKwargs: { num_warmup_steps: 2 } }], "scheduler_specific_kwargs.num_warmup_steps"],
    ["kwargs that are not an object", ["cosine", { numWarmupSteps: 1, numTrainingSteps: 10, schedulerSpecificKwargs: [1] as never }], "schedulerSpecificKwargs"],
  ];
  for (const [what, [name, options], option] of refused) {
    it(`refuses ${what}, naming ${option}`, () => {
      const error = thrown(() => getScheduler(name as never, sgd(1), options)) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
    });
  }

  it("reports a bad specific kwarg under the schedule that refused it, by its path in get_scheduler's arguments", () => {
    const error = thrown(() => getScheduler("cosine", sgd(1), { numWarmupSteps: 1, numTrainingSteps: 10, schedulerSpecificKwargs: { num_cycles: "x" } })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.schedulerType).toBe("get_cosine_schedule_with_warmup");
    expect(error.option).toBe("scheduler_specific_kwargs.num_cycles");
  });

  it("takes null step counts and kwargs as Python's None", () => {
    const scheduler = getScheduler("constant_with_warmup", sgd(1), { numWarmupSteps: 2, numTrainingSteps: null, schedulerSpecificKwargs: null });
    expect(scheduler).toBeInstanceOf(ConstantScheduleWithWarmup);
    const missing = thrown(() => getScheduler("cosine", sgd(1), { numWarmupSteps: 2, numTrainingSteps: null })) as InvalidOptionError;
    expect(missing.option).toBe("num_training_steps");
    expect(missing.code).toBe("missing-option");
  });

  it("keeps an unknown specific kwarg's suggestion, under its path", () => {
    const error = thrown(() => getScheduler("cosine", sgd(1), { numWarmupSteps: 1, numTrainingSteps: 10, schedulerSpecificKwargs: { num_cycle: 1 } })) as InvalidOptionError;
    expect(error.option).toBe("scheduler_specific_kwargs.num_cycle");
    expect(error.code).toBe("unknown-option");
    expect(error.suggestion).toBe("num_cycles");
  });

  it("is available to createScheduler as get_scheduler, with Python's argument names", () => {
    const optimizer = sgd(1);
    const scheduler = createScheduler(optimizer, {
      type: "get_scheduler",
      params: { name: "linear", num_warmup_steps: 2, num_training_steps: 6 },
    });
    expect(scheduler).toBeInstanceOf(LinearScheduleWithWarmup);
    expect(scheduler.type).toBe("get_linear_schedule_with_warmup");
    expect(optimizer.paramGroups[0]!.lr).toBe(0);
    expect(createScheduler(sgd(1), { type: "transformers.get_scheduler", params: { name: "constant" } })).toBeInstanceOf(ConstantSchedule);
  });
});

type GetArgs = [string, Parameters<typeof getScheduler>[2]];
