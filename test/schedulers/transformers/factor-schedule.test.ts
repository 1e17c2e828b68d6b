import { describe, expect, it } from "vitest";
import { CosineScheduleWithWarmup, InvalidStateDictError, LinearScheduleWithWarmup, createScheduler } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { viaJson } from "./lr-trace.js";

describe("LambdaLR-style state dicts", () => {
  it("round-trips through JSON under the Python function's name, into a fresh optimizer", () => {
    const optimizer = sgd(0.1, 0.2);
    const scheduler = new CosineScheduleWithWarmup(optimizer, { numWarmupSteps: 3, numTrainingSteps: 13 });
    for (let k = 0; k < 7; k++) scheduler.step();
    const dict = viaJson(scheduler.stateDict()) as { type: string };
    expect(dict.type).toBe("get_cosine_schedule_with_warmup");

    const resumedOptimizer = sgd(0.1, 0.2);
    const resumed = new CosineScheduleWithWarmup(resumedOptimizer, { numWarmupSteps: 3, numTrainingSteps: 13 });
    resumed.loadStateDict(dict);
    expect(resumed.lastEpoch).toBe(7);
    expect(resumedOptimizer.paramGroups.map((g) => g.lr)).toEqual(optimizer.paramGroups.map((g) => g.lr));
    // progress 4/10 of a half cosine
    expect(resumedOptimizer.paramGroups[1]!.lr).toBeCloseTo(0.2 * 0.5 * (1 + Math.cos(Math.PI * 0.4)), 15);
  });

  it("loads PyTorch's LambdaLR state_dict() (lr_lambdas entries, private keys) without taking last_epoch as an option", () => {
    const optimizer = sgd(1);
    const scheduler = new LinearScheduleWithWarmup(optimizer, { numWarmupSteps: 2, numTrainingSteps: 10 });
    scheduler.loadStateDict({
      base_lrs: [1],
      last_epoch: 6,
      _step_count: 7,
      _is_initial: false,
      _get_lr_called_within_step: false,
      _last_lr: [0.5],
      lr_lambdas: [{}],
    });
    expect(scheduler.lastEpoch).toBe(6);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
    expect(scheduler.options.lastEpoch).toBe(-1);
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBe(0.375);
  });

  it("refuses another schedule's state dict, naming the type field, and changes nothing", () => {
    const optimizer = sgd(1);
    const other = new CosineScheduleWithWarmup(sgd(1), { numWarmupSteps: 2, numTrainingSteps: 10 });
    const scheduler = new LinearScheduleWithWarmup(optimizer, { numWarmupSteps: 2, numTrainingSteps: 10 });
    scheduler.step();
    const error = thrown(() => scheduler.loadStateDict(viaJson(other.stateDict()))) as InvalidStateDictError;
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect(error.field).toBe("type");
    expect(scheduler.lastEpoch).toBe(1);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
  });

  it("refuses a reference dict with a key LambdaLR's has not (another scheduler's), changing nothing", () => {
    const optimizer = sgd(1);
    const scheduler = new LinearScheduleWithWarmup(optimizer, { numWarmupSteps: 2, numTrainingSteps: 10 });
    const error = thrown(() => scheduler.loadStateDict({ base_lrs: [1], last_epoch: 3, _last_lr: [1], step_size: 3, gamma: 0.1 })) as InvalidStateDictError;
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect(error.code).toBe("wrong-state-dict-type");
    expect(scheduler.lastEpoch).toBe(0);
    expect(optimizer.paramGroups[0]!.lr).toBe(0);
  });

  it("is created under the family prefix too", () => {
    expect(createScheduler(sgd(1), { type: "transformers.get_linear_schedule_with_warmup", params: { num_warmup_steps: 0, num_training_steps: 4 } })).toBeInstanceOf(LinearScheduleWithWarmup);
  });

  it("refuses a reference dict whose base_lrs do not match the groups", () => {
    const scheduler = new LinearScheduleWithWarmup(sgd(1, 2), { numWarmupSteps: 2, numTrainingSteps: 10 });
    const error = thrown(() => scheduler.loadStateDict({ base_lrs: [1], last_epoch: 3, lr_lambdas: [null] })) as InvalidStateDictError;
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect(error.field).toBe("base_lrs");
  });
});
