import { describe, expect, it } from "vitest";
import { InvalidStateDictError, StepError, WarmupLR } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

const options = { warmupMinLr: 0, warmupMaxLr: 0.01, warmupNumSteps: 10, warmupType: "linear" };

describe("DeepSpeed schedulers: iterations and state dicts", () => {
  it("counts from last_batch_iteration -1; the first step() is iteration 0", () => {
    const optimizer = sgd(0.5);
    const scheduler = new WarmupLR(optimizer, options);
    expect(scheduler.lastEpoch).toBe(-1);
    scheduler.step();
    expect(scheduler.lastEpoch).toBe(0);
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.001, 17);
  });

  it("step(k) jumps forwards and backwards", () => {
    const optimizer = sgd(0.5);
    const scheduler = new WarmupLR(optimizer, options);
    scheduler.step(5);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.005, 17);
    scheduler.step(2);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.002, 17);
    scheduler.step();
    expect(scheduler.lastEpoch).toBe(3);
    scheduler.step(-1);
    expect(optimizer.paramGroups[0]!.lr).toBe(0);
  });

  for (const bad of [1.5, -2, NaN, Infinity]) {
    it(`refuses step(${bad}) and changes nothing`, () => {
      const optimizer = sgd(0.5);
      const scheduler = new WarmupLR(optimizer, options);
      scheduler.step(4);
      const error = thrown(() => scheduler.step(bad)) as StepError;
      expect(error).toBeInstanceOf(StepError);
      expect(error.step).toBe(4);
      expect(scheduler.lastEpoch).toBe(4);
      expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.004, 17);
    });
  }

  it("leaves the groups alone when constructed with last_batch_iteration (as DeepSpeed does) and continues from it", () => {
    const optimizer = sgd(0.5);
    const scheduler = new WarmupLR(optimizer, { ...options, lastBatchIteration: 4 });
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.005, 17);
  });

  it("loads DeepSpeed's own state dict and writes the groups", () => {
    const optimizer = sgd(0.5);
    const scheduler = new WarmupLR(optimizer, options);
    scheduler.loadStateDict({ last_batch_iteration: 6 });
    expect(scheduler.lastEpoch).toBe(6);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.006, 17);
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.007, 17);
  });

  it("refuses a dict with keys DeepSpeed's state_dict() does not have (another scheduler's), naming the key", () => {
    const optimizer = sgd(0.5);
    const scheduler = new WarmupLR(optimizer, options);
    const error = thrown(() => scheduler.loadStateDict({ last_batch_iteration: 3, base_lrs: [0.5] })) as InvalidStateDictError;
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect(error.field).toBe("base_lrs");
    expect(scheduler.lastEpoch).toBe(-1);
  });

  it("keeps the options of the constructor when loading DeepSpeed's dict, and saves its own as plain JSON with every default", () => {
    const scheduler = new WarmupLR(sgd(0.5), { warmup_max_lr: 0.01, warmup_num_steps: 10 } as never);
    scheduler.loadStateDict({ last_batch_iteration: 4 });
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict())) as { type: string; lastEpoch: number; options: Record<string, unknown> };
    expect(dict.type).toBe("WarmupLR");
    expect(dict.lastEpoch).toBe(4);
    expect(dict.options).toEqual({ warmupMinLr: 0, warmupMaxLr: 0.01, warmupNumSteps: 10, warmupType: "log", lastBatchIteration: -1 });
  });

  it("round-trips its own state dict through JSON", () => {
    const a = sgd(0.5);
    const first = new WarmupLR(a, options);
    first.step(7);
    const b = sgd(0.5);
    const second = new WarmupLR(b, options);
    second.loadStateDict(JSON.parse(JSON.stringify(first.stateDict())));
    expect(b.paramGroups[0]!.lr).toBe(a.paramGroups[0]!.lr);
    first.step();
    second.step();
    expect(b.paramGroups[0]!.lr).toBe(a.paramGroups[0]!.lr);
  });

  const badDicts: [unknown, string][] = [
    [{ last_batch_iteration: -2 }, "last_batch_iteration"],
    [{ last_batch_iteration: 2.5 }, "last_batch_iteration"],
    [{ last_batch_iteration: "3" }, "last_batch_iteration"],
    [{}, "last_batch_iteration"],
    [[3], "(state dict)"],
  ];
  for (const [dict, field] of badDicts) {
    it(`refuses the state dict ${JSON.stringify(dict)}, naming ${field}, and changes nothing`, () => {
      const optimizer = sgd(0.5);
      const scheduler = new WarmupLR(optimizer, options);
      scheduler.step(3);
      const error = thrown(() => scheduler.loadStateDict(dict)) as InvalidStateDictError;
      expect(error).toBeInstanceOf(InvalidStateDictError);
      expect(error.field).toBe(field);
      expect(scheduler.lastEpoch).toBe(3);
      expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.003, 17);
    });
  }

  it("names an option the way the caller spelled it, also for per-group list errors", () => {
    for (const key of ["warmup_max_lr", "warmupMaxLr"]) {
      const error = thrown(() => new WarmupLR(sgd(1, 1), { [key]: [0.1, 0.2, 0.3] } as never)) as { option: string };
      expect(error.option).toBe(key);
    }
  });
});
