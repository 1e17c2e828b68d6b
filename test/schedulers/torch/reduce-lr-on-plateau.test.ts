import { describe, expect, it } from "vitest";
import { InvalidOptionError, InvalidStateDictError, ReduceLROnPlateau, StepError, createScheduler } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

/** Feeds the metrics one by one and returns group 0's lr after each. */
function feed(scheduler: ReduceLROnPlateau, metrics: number[]): number[] {
  return metrics.map((m) => {
    scheduler.step(m);
    return scheduler.optimizer.paramGroups[0]!.lr;
  });
}

describe("ReduceLROnPlateau", () => {
  it("leaves the groups alone at construction", () => {
    const optimizer = sgd(0.1);
    const scheduler = new ReduceLROnPlateau(optimizer);
    expect(optimizer.paramGroups[0]).toEqual({ lr: 0.1, momentum: 0.9, weightDecay: 0 });
    expect(scheduler.lastEpoch).toBe(0);
    expect(scheduler.best).toBe(Infinity);
    expect(scheduler.isClosedForm).toBe(false);
  });

  it("cuts the lr once the bad steps exceed patience (min, rel)", () => {
    const scheduler = new ReduceLROnPlateau(sgd(0.1), { factor: 0.5, patience: 1 });
    // 1 is the first metric (always better); 0.99995 is within the relative threshold 1e-4, so bad
    expect(feed(scheduler, [1, 0.99995, 1.2, 0.5, 0.6, 0.7])).toEqual([0.1, 0.1, 0.05, 0.05, 0.05, 0.025]);
    expect(scheduler.best).toBe(0.5);
    expect(scheduler.lastEpoch).toBe(6);
    expect(scheduler.getLastLr()).toEqual([0.025]);
  });

  it("ignores bad steps during cooldown and never goes below min_lr (max, abs)", () => {
    const scheduler = new ReduceLROnPlateau(sgd(1), { mode: "max", thresholdMode: "abs", threshold: 0.1, patience: 0, cooldown: 2, factor: 0.5, minLr: 0.3 });
    // 0.55 is not above 0.5 + 0.1: bad, cut at once (patience 0); the next two are cooldown
    expect(feed(scheduler, [0.5, 0.55, 0.4, 0.4, 0.4, 0.4])).toEqual([1, 0.5, 0.5, 0.5, 0.3, 0.3]);
  });

  it("skips a cut smaller than eps and takes per-group min_lr", () => {
    const scheduler = new ReduceLROnPlateau(sgd(0.1, 0.1), { patience: 0, minLr: [0.0999999995, 0.01], factor: 0.5 });
    feed(scheduler, [1, 2]);
    expect(scheduler.optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.05]);
  });

  it("counts a NaN metric as not improving, even the first one", () => {
    const scheduler = new ReduceLROnPlateau(sgd(0.1), { patience: 1 });
    feed(scheduler, [NaN, NaN]);
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBeCloseTo(0.01, 15);
    expect(scheduler.best).toBe(Infinity);
  });

  it("returns the current lr from scheduleAt whatever the step", () => {
    const scheduler = new ReduceLROnPlateau(sgd(0.1), { patience: 0 });
    feed(scheduler, [1, 2]);
    expect(scheduler.scheduleAt(0, 0)).toBeCloseTo(0.01, 15);
    expect(scheduler.scheduleAt(0, 1000)).toBeCloseTo(0.01, 15);
  });

  it("round-trips its state through JSON into a fresh optimizer", () => {
    const scheduler = new ReduceLROnPlateau(sgd(0.1), { patience: 1, cooldown: 3 });
    feed(scheduler, [1, 2, 3, 4]);
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict())) as { extra: Record<string, unknown> };
    expect(dict.extra).toEqual({ best: 1, numBadEpochs: 0, cooldownCounter: 2 });
    const optimizer = sgd(0.1);
    const resumed = new ReduceLROnPlateau(optimizer, { patience: 1, cooldown: 3 });
    resumed.loadStateDict(dict);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.01, 15);
    expect(resumed.cooldownCounter).toBe(2);
    expect(feed(resumed, [5, 5, 5])).toEqual(feed(scheduler, [5, 5, 5]));
  });

  it("loads PyTorch's own state dict, with best as a string", () => {
    const optimizer = sgd(0.1);
    const scheduler = createScheduler(optimizer, { type: "ReduceLROnPlateau", params: { mode: "min" } }) as ReduceLROnPlateau;
    scheduler.loadStateDict({
      factor: 0.5,
      default_min_lr: 0,
      min_lrs: [0],
      patience: 0,
      cooldown: 0,
      eps: 1e-8,
      last_epoch: 4,
      _last_lr: [0.025],
      mode_worse: "-Infinity",
      mode: "max",
      threshold: 0.0001,
      threshold_mode: "rel",
      best: "-Infinity",
      cooldown_counter: 0,
      num_bad_epochs: 0,
    });
    expect(optimizer.paramGroups[0]!.lr).toBe(0.025);
    expect(scheduler.best).toBe(-Infinity);
    expect(scheduler.options).toMatchObject({ mode: "max", factor: 0.5, patience: 0, minLr: 0 });
    expect(feed(scheduler, [3, 2])).toEqual([0.025, 0.0125]);
  });

  it("refuses a state dict that would put NaN into the groups or the best metric, changing nothing", () => {
    const scheduler = new ReduceLROnPlateau(sgd(0.1));
    const good = scheduler.stateDict();
    const badLr = thrown(() => scheduler.loadStateDict({ ...good, lastLr: ["NaN"] })) as InvalidStateDictError;
    expect(badLr).toBeInstanceOf(InvalidStateDictError);
    expect(badLr.field).toBe("lastLr[0]");
    const badBest = thrown(() => scheduler.loadStateDict({ ...good, extra: { best: "NaN", numBadEpochs: 0, cooldownCounter: 0 } })) as InvalidStateDictError;
    expect(badBest.field).toBe("extra.best");
    const badCounter = thrown(() => scheduler.loadStateDict({ mode: "min", last_epoch: 1, _last_lr: [0.1], best: 1, num_bad_epochs: -1, cooldown_counter: 0 })) as InvalidStateDictError;
    expect(badCounter).toBeInstanceOf(InvalidStateDictError);
    expect(badCounter.field).toBe("num_bad_epochs");
    const missing = thrown(() => scheduler.loadStateDict({ last_epoch: 1, best: 1, num_bad_epochs: 0, cooldown_counter: 0 })) as InvalidStateDictError;
    expect(missing.field).toBe("_last_lr");
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBe(0.1);
    expect(scheduler.best).toBe(Infinity);
  });

  it("throws a StepError for a missing or non-numeric metric", () => {
    const scheduler = new ReduceLROnPlateau(sgd(0.1));
    expect(thrown(() => scheduler.step())).toBeInstanceOf(StepError);
    expect(thrown(() => scheduler.step("0.5" as unknown as number))).toBeInstanceOf(StepError);
    expect(scheduler.lastEpoch).toBe(0);
  });

  const invalid: [Record<string, unknown>, string][] = [
    [{ factor: 1.0 }, "factor"],
    [{ factor: -0.5 }, "factor"],
    [{ mode: "avg" }, "mode"],
    [{ threshold_mode: "pct" }, "threshold_mode"],
    [{ thresholdMode: "pct" }, "thresholdMode"],
    [{ patience: -1 }, "patience"],
    [{ patience: 1.5 }, "patience"],
    [{ cooldown: -2 }, "cooldown"],
    [{ threshold: NaN }, "threshold"],
    [{ min_lr: [0.1, 0.2] }, "min_lr"],
    [{ min_lr: -1 }, "min_lr"],
    [{ eps: -1e-8 }, "eps"],
    [{ last_epoch: 3 }, "last_epoch"],
  ];
  it.each(invalid)("refuses %o naming %s", (params, option) => {
    const error = thrown(() => createScheduler(sgd(0.1), { type: "ReduceLROnPlateau", params })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe(option);
  });
});
