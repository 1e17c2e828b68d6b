import { describe, expect, it } from "vitest";
import { InvalidOptionError, ReduceOnPlateauSchedule, createScheduler, getReduceOnPlateauSchedule } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { viaJson } from "./lr-trace.js";

describe("getReduceOnPlateauSchedule", () => {
  it("is PyTorch's ReduceLROnPlateau with the given options, under transformers' name", () => {
    const optimizer = sgd(1);
    const scheduler = getReduceOnPlateauSchedule(optimizer, { factor: 0.5, patience: 1 });
    expect(scheduler).toBeInstanceOf(ReduceOnPlateauSchedule);
    expect(scheduler.type).toBe("get_reduce_on_plateau_schedule");
    for (const metric of [1, 2, 2, 2]) scheduler.step(metric);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
  });

  it("is built by createScheduler from Python's name and keyword arguments", () => {
    const scheduler = createScheduler(sgd(1), { type: "get_reduce_on_plateau_schedule", params: { factor: 0.5, patience: 2 } });
    expect(scheduler).toBeInstanceOf(ReduceOnPlateauSchedule);
    expect(scheduler.options).toMatchObject({ factor: 0.5, patience: 2, mode: "min" });
    const error = thrown(() => createScheduler(sgd(1), { type: "get_reduce_on_plateau_schedule", params: { factor: 2 } })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("factor");
  });

  it("loads the state_dict() transformers' scheduler saves (PyTorch's ReduceLROnPlateau keys) and resumes from its own", () => {
    const optimizer = sgd(1);
    const scheduler = getReduceOnPlateauSchedule(optimizer, { factor: 0.5, patience: 2 });
    scheduler.loadStateDict({
      factor: 0.5,
      default_min_lr: 0,
      min_lrs: [0],
      patience: 2,
      cooldown: 0,
      eps: 1e-8,
      last_epoch: 10,
      _last_lr: [0.25],
      mode_worse: "Infinity",
      mode: "min",
      threshold: 0.0001,
      threshold_mode: "rel",
      best: 0.5,
      cooldown_counter: 0,
      num_bad_epochs: 2,
    });
    expect(optimizer.paramGroups[0]!.lr).toBe(0.25);
    scheduler.step(0.6); // a third bad epoch: cut
    expect(optimizer.paramGroups[0]!.lr).toBe(0.125);

    const resumedOptimizer = sgd(0.125);
    const resumed = getReduceOnPlateauSchedule(resumedOptimizer, { factor: 0.5, patience: 2 });
    resumed.loadStateDict(viaJson(scheduler.stateDict()));
    expect(resumed.lastEpoch).toBe(11);
    for (const metric of [0.7, 0.7]) resumed.step(metric);
    expect(resumedOptimizer.paramGroups[0]!.lr).toBe(0.125);
    resumed.step(0.7);
    expect(resumedOptimizer.paramGroups[0]!.lr).toBe(0.0625);
  });
});
