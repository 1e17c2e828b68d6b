import { describe, expect, it } from "vitest";
import { ConstantSchedule, InvalidOptionError, createScheduler, getConstantSchedule } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { lrTrace } from "./lr-trace.js";

describe("getConstantSchedule", () => {
  it("keeps every group's initial lr", () => {
    const optimizer = sgd(0.1, 0.3);
    const scheduler = getConstantSchedule(optimizer);
    expect(scheduler).toBeInstanceOf(ConstantSchedule);
    expect(lrTrace(optimizer, scheduler, 3, 1)).toEqual([0.3, 0.3, 0.3, 0.3]);
    expect(scheduler.lastEpoch).toBe(3);
  });

  it("resumes from last_epoch from each group's initialLr", () => {
    const optimizer = { paramGroups: [{ lr: 0.01, initialLr: 0.5 }] };
    const scheduler = getConstantSchedule(optimizer, { lastEpoch: 9 });
    expect(scheduler.lastEpoch).toBe(10);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
  });

  it("is built by createScheduler under its Python name and refuses unknown options", () => {
    expect(createScheduler(sgd(1), { type: "get_constant_schedule" })).toBeInstanceOf(ConstantSchedule);
    const error = thrown(() => createScheduler(sgd(1), { type: "get_constant_schedule", params: { num_warmup_steps: 3 } })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("num_warmup_steps");
  });
});
