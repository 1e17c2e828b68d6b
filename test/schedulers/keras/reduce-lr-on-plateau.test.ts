/**
 * keras.ReduceLROnPlateau: Keras 3's `reduce_lr_on_plateau_test.py` (its fit loop replaced by the
 * epoch ends it produces) and the callback's quirks from the keras section of the reference README.
 */
import { afterEach, describe, expect, it } from "vitest";
import { InvalidOptionError, KerasReduceLROnPlateau, StepError, createScheduler, onWarning, type SchedulerWarning } from "../../../src/index.js";
import { thrown } from "../../support/optimizer.js";

const sgd = (...lrs: number[]) => ({ paramGroups: lrs.map((lr) => ({ lr })) });

/** One epoch end per metric; group 0's lr after each. */
function feed(scheduler: KerasReduceLROnPlateau, metrics: (number | undefined)[]): number[] {
  return metrics.map((m) => {
    scheduler.step(m);
    return scheduler.optimizer.paramGroups[0]!.lr;
  });
}

const stateOf = (scheduler: KerasReduceLROnPlateau) => scheduler.stateDict().extra;

let stop: (() => void) | undefined;
function warnings(): SchedulerWarning[] {
  const seen: SchedulerWarning[] = [];
  stop = onWarning((w) => seen.push(w));
  return seen;
}
afterEach(() => {
  stop?.();
  stop = undefined;
});

describe("keras.ReduceLROnPlateau: Keras' own tests", () => {
  it("test_reduces_lr_with_model_fit: patience 1, min_delta 100, two epochs cut 0.1 once", () => {
    const scheduler = new KerasReduceLROnPlateau(sgd(0.1), { patience: 1, factor: 0.1, monitor: "val_loss", minDelta: 100 });
    expect(feed(scheduler, [0.7, 0.6])).toEqual([0.1, 0.1 * 0.1]); // 0.010000000000000002 in float64 (Keras' float32 gives 0.01)
  });

  it("test_honors_min_lr: four epochs stop at min_lr 0.005", () => {
    const scheduler = new KerasReduceLROnPlateau(sgd(0.1), { patience: 1, factor: 0.1, monitor: "val_loss", minDelta: 10, minLr: 0.005 });
    expect(feed(scheduler, [0.7, 0.6, 0.5, 0.4])).toEqual([0.1, 0.1 * 0.1, 0.005, 0.005]);
  });

  it("test_cooldown: cooldown 2 cuts every other epoch, twice in four", () => {
    const scheduler = new KerasReduceLROnPlateau(sgd(0.1), { patience: 1, factor: 0.1, monitor: "val_loss", minDelta: 100, cooldown: 2 });
    const lrs = feed(scheduler, [0.7, 0.6, 0.5, 0.4]);
    expect(lrs[3]).toBeCloseTo(0.001, 15);
    expect(lrs).toEqual([0.1, 0.1 * 0.1, 0.1 * 0.1, 0.1 * 0.1 * 0.1]);
  });

  it("test_state_reset_across_fit_calls: a new scheduler starts with best None, wait 0, cooldown 0", () => {
    const scheduler = new KerasReduceLROnPlateau(sgd(0.1), { patience: 1, factor: 0.1, monitor: "loss", minDelta: 0, cooldown: 2 });
    expect(stateOf(scheduler)).toEqual({ best: null, wait: 0, cooldownCounter: 0, direction: null });
    expect(scheduler.optimizer.paramGroups[0]!.lr).toBe(0.1);
    expect(scheduler.isClosedForm).toBe(false);
  });
});

describe("keras.ReduceLROnPlateau: quirks", () => {
  it("cuts when wait >= patience (PyTorch: num_bad_epochs > patience)", () => {
    const keras = new KerasReduceLROnPlateau(sgd(1), { patience: 2, factor: 0.5, minDelta: 0 });
    const torch = createScheduler(sgd(1), { type: "ReduceLROnPlateau", params: { patience: 2, factor: 0.5, threshold: 0 } });
    const metrics = [1, 1, 1, 1];
    expect(feed(keras, metrics)).toEqual([1, 1, 0.5, 0.5]);
    expect(
      metrics.map((m) => {
        torch.step(m);
        return torch.optimizer.paramGroups[0]!.lr;
      }),
    ).toEqual([1, 1, 1, 0.5]);
  });

  it("patience 0 cuts on every epoch that does not improve by more than min_delta; the first epoch always improves", () => {
    const scheduler = new KerasReduceLROnPlateau(sgd(0.2), { mode: "min", patience: 0, factor: 0.5, minDelta: 0.01, minLr: 0.001 });
    expect(feed(scheduler, [5, 4.995, 4.9, 4.895])).toEqual([0.2, 0.1, 0.1, 0.05]);
  });

  it("improvement is strict and uses abs(min_delta): a negative min_delta acts as a positive one", () => {
    const scheduler = new KerasReduceLROnPlateau(sgd(1), { mode: "max", patience: 0, factor: 0.5, minDelta: -0.5 });
    expect(feed(scheduler, [0, 0.5, 1.5])).toEqual([1, 0.5, 0.5]); // 0.5 - 0.5 > 0 is false; 1.5 - 0.5 > 0 is true
    expect(scheduler.options.minDelta).toBe(-0.5);
    expect(stateOf(scheduler)).toMatchObject({ best: 1.5, direction: "max" });
  });

  it("cooldown c holds off only c - 1 epochs after a cut; the epoch whose decrement reaches 0 already counts", () => {
    const run = (cooldown: number) => feed(new KerasReduceLROnPlateau(sgd(1), { patience: 1, factor: 0.5, cooldown }), [1, 1, 1, 1, 1, 1]);
    expect(run(0)).toEqual([1, 0.5, 0.25, 0.125, 0.0625, 0.03125]);
    expect(run(1)).toEqual([1, 0.5, 0.25, 0.125, 0.0625, 0.03125]); // cooldown 1 holds off nothing
    expect(run(3)).toEqual([1, 0.5, 0.5, 0.5, 0.25, 0.25]); // two epochs held off, the third counts and cuts
  });

  it("improvements during cooldown still move best", () => {
    const scheduler = new KerasReduceLROnPlateau(sgd(1), { patience: 1, factor: 0.5, cooldown: 3 });
    feed(scheduler, [1, 1, 0.5]);
    expect(stateOf(scheduler)).toMatchObject({ best: 0.5, wait: 0, cooldownCounter: 2 });
  });

  it("when no group can be cut, wait keeps growing and no cooldown starts; an lr below min_lr is never raised", () => {
    const scheduler = new KerasReduceLROnPlateau(sgd(0.01, 0.0001), { patience: 1, factor: 0.5, minLr: 0.01, cooldown: 5 });
    expect(feed(scheduler, [1, 1, 1])).toEqual([0.01, 0.01, 0.01]);
    expect(scheduler.optimizer.paramGroups[1]!.lr).toBe(0.0001);
    expect(stateOf(scheduler)).toMatchObject({ wait: 2, cooldownCounter: 0 });
  });

  it("cuts and floors each group on its own (a MultiOptimizer); the counters are shared", () => {
    const scheduler = new KerasReduceLROnPlateau(sgd(0.1, 0.04), { mode: "max", patience: 1, factor: 0.5, minLr: 0.03 });
    feed(scheduler, [0.5, 0.4]);
    expect(scheduler.optimizer.paramGroups.map((g) => g.lr)).toEqual([0.05, 0.03]);
    feed(scheduler, [0.4]);
    expect(scheduler.optimizer.paramGroups.map((g) => g.lr)).toEqual([0.03, 0.03]);
  });

  it("compares old_lr > min_lr in float32: an lr within float32 rounding of min_lr is not cut", () => {
    const minLr = 0.1;
    const above = 0.1 + 1e-9; // a different double, the same float32
    expect(Math.fround(above)).toBe(Math.fround(minLr));
    const scheduler = new KerasReduceLROnPlateau(sgd(above, 0.2), { patience: 0, factor: 0.5, minLr });
    feed(scheduler, [1, 1]);
    expect(scheduler.optimizer.paramGroups.map((g) => g.lr)).toEqual([above, 0.1]);
  });

  describe("mode", () => {
    it('"auto" is settled at the first epoch end: min for loss and val_loss', () => {
      for (const monitor of ["loss", "val_loss"]) {
        const scheduler = new KerasReduceLROnPlateau(sgd(1), { monitor, patience: 0, factor: 0.5 });
        expect(stateOf(scheduler)!.direction).toBe(null);
        expect(feed(scheduler, [1, 2, 0.5])).toEqual([1, 0.5, 0.5]);
        expect(stateOf(scheduler)!.direction).toBe("min");
      }
    });

    it('"auto" with another monitor is refused at the first epoch end (Keras has no compiled metric to ask), changing nothing', () => {
      const scheduler = new KerasReduceLROnPlateau(sgd(1), { monitor: "val_accuracy" }); // construction is fine
      const error = thrown(() => scheduler.step(0.9));
      expect(error).toBeInstanceOf(StepError);
      expect((error as StepError).message).toMatch(/mode "min" or "max"/);
      expect(scheduler.lastEpoch).toBe(0);
      expect(stateOf(scheduler)!.direction).toBe(null);
      // one leading val_ only is removed
      expect(thrown(() => new KerasReduceLROnPlateau(sgd(1), { monitor: "val_val_loss" }).step(1))).toBeInstanceOf(StepError);
    });

    it("an unknown mode warns and becomes auto", () => {
      const seen = warnings();
      const scheduler = new KerasReduceLROnPlateau(sgd(1), { mode: "maximum", monitor: "loss", patience: 0, factor: 0.5 });
      expect(seen).toEqual([{ schedulerType: "keras.ReduceLROnPlateau", code: "unknown-mode", message: "ReduceLROnPlateau mode 'maximum' is unknown, fallback to auto mode." }]);
      expect(feed(scheduler, [1, 2])).toEqual([1, 0.5]);
      expect(stateOf(scheduler)!.direction).toBe("min");
    });
  });

  it("refuses factor >= 1.0 at construction", () => {
    const error = thrown(() => createScheduler(sgd(0.1), { type: "keras.ReduceLROnPlateau", params: { factor: 1.0 } }));
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).option).toBe("factor");
    expect(new KerasReduceLROnPlateau(sgd(0.1), { factor: 0 }).options.factor).toBe(0);
  });

  it("a NaN first metric becomes best, and nothing improves on it afterwards", () => {
    const scheduler = new KerasReduceLROnPlateau(sgd(1), { patience: 2, factor: 0.5 });
    expect(feed(scheduler, [NaN, 0.1, 0.01])).toEqual([1, 1, 0.5]);
    expect(stateOf(scheduler)!.best).toBe("NaN");
  });

  it("step() without a metric warns, as Keras does when the monitored value is missing, and changes nothing", () => {
    const seen = warnings();
    const scheduler = new KerasReduceLROnPlateau(sgd(1), { patience: 0, factor: 0.5 });
    feed(scheduler, [1]);
    const before = stateOf(scheduler);
    expect(feed(scheduler, [undefined])).toEqual([1]);
    expect(seen.map((w) => w.code)).toEqual(["metric-not-available"]);
    expect(stateOf(scheduler)).toEqual(before);
    expect(thrown(() => scheduler.step("0.5" as unknown as number))).toBeInstanceOf(StepError);
  });

  it("counts one epoch per step(metric); step(metric, epoch) sets the counter without a warning", () => {
    const seen = warnings();
    const scheduler = new KerasReduceLROnPlateau(sgd(1), { patience: 0, factor: 0.5 });
    feed(scheduler, [1, 2]);
    expect(scheduler.lastEpoch).toBe(2);
    scheduler.step(3, 10);
    expect(scheduler.lastEpoch).toBe(10);
    expect(scheduler.getLastLr()).toEqual([0.25]);
    expect(seen).toEqual([]);
  });

  it("cannot drive an optimizer that a Keras schedule also drives (test_throws_when_optimizer_has_schedule: Keras raises a TypeError)", () => {
    const optimizer = sgd(0.1);
    const schedule = createScheduler(optimizer, { type: "PolynomialDecay", params: { initial_learning_rate: 0.1, decay_steps: 10 } });
    const scheduler = new KerasReduceLROnPlateau(optimizer, { patience: 0 });
    schedule.step();
    feed(scheduler, [1, 2]);
    expect(thrown(() => schedule.step())).toBeInstanceOf(StepError);
  });

  it("is found by createScheduler only under its prefixed name (the bare name is PyTorch's)", () => {
    expect(createScheduler(sgd(0.1), { type: "keras.ReduceLROnPlateau", params: { min_lr: 0.01, min_delta: 0 } }).type).toBe("keras.ReduceLROnPlateau");
    expect(createScheduler(sgd(0.1), { type: "ReduceLROnPlateau" }).type).toBe("ReduceLROnPlateau");
  });

  it("resumes exactly from its JSON state dict in a fresh optimizer (best, wait, cooldown and the settled direction)", () => {
    const options = { monitor: "val_accuracy", mode: "max", factor: 0.5, patience: 2, cooldown: 3, min_lr: 0.01 };
    const metrics = [0.4, 0.44, 0.44, 0.44, 0.45, 0.44, 0.44, 0.44, 0.46, 0.4, 0.4, 0.4, 0.4, 0.4];
    const straight = new KerasReduceLROnPlateau(sgd(0.1, 0.04), options);
    const expected = feed(straight, metrics);
    for (const k of [0, 1, 4, 6, 9]) {
      const first = new KerasReduceLROnPlateau(sgd(0.1, 0.04), options);
      feed(first, metrics.slice(0, k));
      const dict = JSON.parse(JSON.stringify(first.stateDict()));
      const optimizer = sgd(0.1, 0.04);
      const resumed = new KerasReduceLROnPlateau(optimizer, options);
      resumed.loadStateDict(dict);
      expect(optimizer.paramGroups.map((g) => g.lr)).toEqual(first.optimizer.paramGroups.map((g) => g.lr));
      expect(stateOf(resumed)).toEqual(stateOf(first));
      expect(feed(resumed, metrics.slice(k))).toEqual(expected.slice(k));
    }
  });

  it("refuses a malformed state in its dict", () => {
    const scheduler = new KerasReduceLROnPlateau(sgd(0.1));
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict()));
    dict.extra.direction = "up";
    expect(() => scheduler.loadStateDict(dict)).toThrow(/direction/);
  });
});
