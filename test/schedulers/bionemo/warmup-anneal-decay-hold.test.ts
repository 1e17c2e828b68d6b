import { describe, expect, it } from "vitest";
import { InvalidOptionError, InvalidStateDictError, WarmupAnnealDecayHold, createScheduler } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { expectClose, lrTrace, viaJson } from "../transformers/lr-trace.js";

const options = { warmupSteps: 2, maxSteps: 6, maxLr: 1, minLr: 0.2, annealPercentage: 0.25 };

describe("WarmupAnnealDecayHold", () => {
  it("warms up from min_lr, decays linearly and holds at anneal_percentage * max_lr", () => {
    const optimizer = sgd(0.5);
    const scheduler = new WarmupAnnealDecayHold(optimizer, options);
    expectClose(lrTrace(optimizer, scheduler, 8), [0.2, 0.6, 1, 0.75, 0.5, 0.25, 0.25, 0.25, 0.25]);
  });

  it("gives every group the same lr and sets initialLr to max_lr where it is absent", () => {
    const optimizer = { paramGroups: [{ lr: 0.5 }, { lr: 0.05, initialLr: 0.07 }] };
    const scheduler = new WarmupAnnealDecayHold(optimizer, options);
    scheduler.step();
    expectClose(optimizer.paramGroups.map((g) => g.lr), [0.6, 0.6]);
    expect(optimizer.paramGroups.map((g) => g.initialLr)).toEqual([1, 0.07]);
    expect(scheduler.baseLrs).toEqual([1, 0.07]);
  });

  it("uses BioNeMo's defaults: min_lr 4e-5, anneal_percentage 0.1", () => {
    const scheduler = new WarmupAnnealDecayHold(sgd(1), { warmupSteps: 10, maxSteps: 100, maxLr: 1e-3 });
    expect(scheduler.scheduleAt(0, 0)).toBe(4e-5);
    expect(scheduler.scheduleAt(0, 1000)).toBeCloseTo(1e-4, 18);
  });

  it("resumes from last_epoch without initialLr in the groups, as BioNeMo sets it first", () => {
    const optimizer = sgd(0.5);
    const scheduler = new WarmupAnnealDecayHold(optimizer, { ...options, lastEpoch: 3 });
    expect(scheduler.lastEpoch).toBe(4);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
    expect(optimizer.paramGroups[0]!.initialLr).toBe(1);
  });

  it("runs with max_steps below warmup_steps as BioNeMo does: after the warmup the lr rises", () => {
    const optimizer = sgd(0.5);
    const scheduler = new WarmupAnnealDecayHold(optimizer, { warmupSteps: 4, maxSteps: 2, maxLr: 1, minLr: 0, annealPercentage: 0.1 });
    // decay_steps = 2 - 4 = -2: lr = 1 * (1 - (t - 4) / -2)
    expectClose(lrTrace(optimizer, scheduler, 7), [0, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5]);
    const fromZero = new WarmupAnnealDecayHold(sgd(0.5), { warmupSteps: 5, maxSteps: 0, maxLr: 1 });
    expect(fromZero.scheduleAt(0, 10)).toBe(2);
  });

  it("jumps above max_lr right after the warmup with anneal_percentage > 1, and min_lr plays no part after the warmup", () => {
    const optimizer = sgd(0.5);
    const scheduler = new WarmupAnnealDecayHold(optimizer, { warmupSteps: 2, maxSteps: 6, maxLr: 1, minLr: 0.9, annealPercentage: 1.5 });
    expectClose(lrTrace(optimizer, scheduler, 4), [0.9, 0.95, 1.5, 1.5, 1.5]);
  });

  it("step(epoch) reads the closed form at that epoch, fractions included", () => {
    const optimizer = sgd(0.5);
    const scheduler = new WarmupAnnealDecayHold(optimizer, options);
    scheduler.step(2.5);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.875, 15);
    expect(scheduler.lastEpoch).toBe(2.5);
  });

  it("refuses another schedule's dict", () => {
    const scheduler = new WarmupAnnealDecayHold(sgd(0.5), options);
    const error = thrown(() => scheduler.loadStateDict({ step_size: 2, gamma: 0.1, last_epoch: 3, base_lrs: [0.5], _last_lr: [0.5] })) as InvalidStateDictError;
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect(error.code).toBe("wrong-state-dict-type");
  });

  it("loads BioNeMo's own state_dict(), whose settings win over the constructor's", () => {
    const optimizer = sgd(0.5);
    const scheduler = new WarmupAnnealDecayHold(optimizer, options);
    scheduler.loadStateDict({
      warmup_steps: 2,
      max_steps: 10,
      max_lr: 2,
      min_lr: 0,
      anneal_percentage: 0.1,
      last_epoch: 6,
      base_lrs: [2],
      _step_count: 7,
      _is_initial: false,
      _get_lr_called_within_step: false,
      _last_lr: [1],
    });
    expect(optimizer.paramGroups[0]!.lr).toBe(1);
    expect(scheduler.options.maxSteps).toBe(10);
    // The dict's last_epoch is the counter; the option stays the constructor's.
    expect(scheduler.options.lastEpoch).toBe(-1);
    const own = viaJson(scheduler.stateDict()) as { type: string; lastEpoch: number };
    expect(own.type).toBe("WarmupAnnealDecayHold");
    expect(own.lastEpoch).toBe(6);
  });

  it("is built by createScheduler from BioNeMo's keyword arguments", () => {
    const optimizer = sgd(1);
    createScheduler(optimizer, { type: "WarmupAnnealDecayHold", params: { warmup_steps: 2, max_steps: 6, max_lr: 1, min_lr: 0 } });
    expect(optimizer.paramGroups[0]!.lr).toBe(0);
  });

  const refused: [Record<string, unknown>, string][] = [
    [{ ...options, maxSteps: 2 }, "maxSteps"],
    [{ warmup_steps: 3, max_steps: 3, max_lr: 1 }, "max_steps"],
    [{ maxSteps: 100, maxLr: 1e-3 }, "warmup_steps"],
    [{ warmupSteps: 10, maxLr: 1e-3 }, "max_steps"],
    [{ warmupSteps: 10, maxSteps: 100 }, "max_lr"],
    [{ warmup_steps: -1, max_steps: 100, max_lr: 1e-3 }, "warmup_steps"],
    [{ ...options, annealPercentage: -0.1 }, "annealPercentage"],
    [{ warmupSteps: 2, maxSteps: 6, max_lr: NaN }, "max_lr"],
  ];
  for (const [given, option] of refused) {
    it(`refuses ${JSON.stringify(given)}, naming ${option}`, () => {
      const error = thrown(() => new WarmupAnnealDecayHold(sgd(1), given as never)) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
      expect(error.schedulerType).toBe("WarmupAnnealDecayHold");
    });
  }
});
