import { describe, expect, it } from "vitest";
import { InvalidOptionError, ReduceLROnPlateau, createScheduler, getReduceOnPlateauSchedule } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("getReduceOnPlateauSchedule", () => {
  it("is PyTorch's ReduceLROnPlateau with the given options", () => {
    const optimizer = sgd(1);
    const scheduler = getReduceOnPlateauSchedule(optimizer, { factor: 0.5, patience: 1 });
    expect(scheduler).toBeInstanceOf(ReduceLROnPlateau);
    for (const metric of [1, 2, 2, 2]) scheduler.step(metric);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
  });

  it("is built by createScheduler from Python's name and keyword arguments", () => {
    const scheduler = createScheduler(sgd(1), { type: "get_reduce_on_plateau_schedule", params: { factor: 0.5, patience: 2 } });
    expect(scheduler).toBeInstanceOf(ReduceLROnPlateau);
    expect(scheduler.type).toBe("ReduceLROnPlateau");
    const error = thrown(() => createScheduler(sgd(1), { type: "get_reduce_on_plateau_schedule", params: { factor: 2 } })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("factor");
  });
});
