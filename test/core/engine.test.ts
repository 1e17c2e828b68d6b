import { describe, expect, it } from "vitest";
import {
  InvalidOptimizerError,
  InvalidOptionError,
  StateDictMismatchError,
  InvalidStateDictError,
  StepError,
  StepLR,
  createScheduler,
  type Optimizer,
} from "../../src/index.js";
import { defineSchedule, expandPerGroup, perGroupValue, positiveNumber, torchEpochs } from "../../src/extend.js";
import { sgd, thrown } from "../support/optimizer.js";

/** A schedule with a per-group list, to exercise build() and state dicts: lr = base * rate[i] ** t. */
const RateLR = defineSchedule({
  type: "RateLR",
  family: "test",
  counter: torchEpochs,
  options: () => ({ rate: perGroupValue(positiveNumber(), "a number > 0") }),
  build: ({ rate }, { baseLrs, groups, fail }) => {
    const rates = expandPerGroup(rate, groups.length);
    if (rates === undefined) return fail("rate", rate, `one value per group (${groups.length})`);
    return { lr: (i, _s, t) => baseLrs[i]! * rates[i]! ** t };
  },
});

describe("LRScheduler", () => {
  it("applies the initial step at construction and records initialLr once", () => {
    const optimizer = sgd(0.1, 0.2);
    const scheduler = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
    expect(scheduler.lastEpoch).toBe(0);
    expect(scheduler.baseLrs).toEqual([0.1, 0.2]);
    expect(optimizer.paramGroups.map((g) => g.initialLr)).toEqual([0.1, 0.2]);
    optimizer.paramGroups[0]!.lr = 5;
    const again = new StepLR(optimizer, { stepSize: 2 });
    expect(again.baseLrs).toEqual([0.1, 0.2]);
  });

  it("steps, jumps to an explicit epoch, and reports lrs without aliasing its state", () => {
    const optimizer = sgd(1);
    const scheduler = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
    const seen = [];
    for (let k = 0; k < 5; k++) {
      scheduler.step();
      seen.push(optimizer.paramGroups[0]!.lr);
    }
    expect(seen).toEqual([1, 0.5, 0.5, 0.25, 0.25]);
    scheduler.step(1);
    expect(scheduler.lastEpoch).toBe(1);
    expect(scheduler.getLastLr()).toEqual([1]);
    scheduler.getLastLr()[0] = 42;
    expect(scheduler.getLastLr()).toEqual([1]);
    expect(scheduler.getLr()).toEqual([1]);
    expect(scheduler.scheduleAt(0, 6)).toBe(0.125);
    expect(optimizer.paramGroups[0]!.lr).toBe(1);
  });

  it("refuses a non-finite explicit epoch without changing anything", () => {
    const optimizer = sgd(1);
    const scheduler = new StepLR(optimizer, { stepSize: 2 });
    const error = thrown(() => scheduler.step(NaN)) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(scheduler.lastEpoch).toBe(0);
    expect(optimizer.paramGroups[0]!.lr).toBe(1);
  });

  it("refuses optimizers that do not have the right shape", () => {
    const bad: [unknown, string][] = [
      [null, "optimizer"],
      [{}, "paramGroups"],
      [{ paramGroups: [] }, "paramGroups"],
      [{ paramGroups: [{ lr: 0.1 }, 3] }, "paramGroups[1]"],
      [{ paramGroups: [{ lr: NaN }] }, "paramGroups[0].lr"],
      [{ paramGroups: [{ lr: "0.1" }] }, "paramGroups[0].lr"],
    ];
    for (const [optimizer, field] of bad) {
      const error = thrown(() => new StepLR(optimizer as Optimizer, { stepSize: 1 })) as InvalidOptimizerError;
      expect(error).toBeInstanceOf(InvalidOptimizerError);
      expect(error.field).toBe(field);
    }
  });

  describe("state dicts", () => {
    it("are plain JSON tagged with format, version and type", () => {
      const scheduler = new RateLR(sgd(1, 2), { rate: [0.5, 0.25] });
      scheduler.step();
      expect(JSON.parse(JSON.stringify(scheduler.stateDict()))).toEqual({
        format: "lr-schedulers",
        version: 1,
        type: "RateLR",
        lastEpoch: 1,
        baseLrs: [1, 2],
        lastLr: [0.5, 0.5],
        options: { rate: [0.5, 0.25] },
      });
    });

    it("restore the step into a fresh optimizer whatever the restore order", () => {
      const running = sgd(1, 2);
      const scheduler = new RateLR(running, { rate: [0.5, 0.25] });
      for (let k = 0; k < 3; k++) scheduler.step();
      const saved = JSON.stringify({ scheduler: scheduler.stateDict(), groups: running.paramGroups });

      // The scheduler restored, the optimizer never.
      const fresh = sgd(1, 2);
      const resumed = new RateLR(fresh, { rate: 0.9 });
      resumed.loadStateDict(JSON.parse(saved).scheduler);
      expect(fresh.paramGroups.map((g) => g.lr)).toEqual([0.125, 2 * 0.25 ** 3]);
      expect(resumed.options).toEqual({ rate: [0.5, 0.25] });

      // The optimizer restored after the scheduler: same values.
      fresh.paramGroups.forEach((g, i) => Object.assign(g, JSON.parse(saved).groups[i]));
      resumed.step();
      scheduler.step();
      expect(fresh.paramGroups.map((g) => g.lr)).toEqual(running.paramGroups.map((g) => g.lr));
    });

    it("accept PyTorch's own keys", () => {
      const optimizer = sgd(1);
      const scheduler = new StepLR(optimizer, { stepSize: 2 });
      scheduler.loadStateDict({ step_size: 3, gamma: 0.5, base_lrs: [2], last_epoch: 7, _step_count: 8, _last_lr: [0.5] });
      expect(scheduler.options).toEqual({ stepSize: 3, gamma: 0.5, lastEpoch: -1 });
      expect(scheduler.lastEpoch).toBe(7);
      expect(optimizer.paramGroups[0]!.lr).toBe(2 * 0.5 ** 2); // base 2, floor(7 / 3) = 2 decays
    });

    const invalid: [string, (d: Record<string, unknown>) => void, string][] = [
      ["another type", (d) => (d.type = "StepLR"), "type"],
      ["an unknown version", (d) => (d.version = 2), "version"],
      ["a NaN counter", (d) => (d.lastEpoch = NaN), "lastEpoch"],
      ["a counter as a string", (d) => (d.lastEpoch = "3"), "lastEpoch"],
      ["base lrs of the wrong length", (d) => (d.baseLrs = [1]), "baseLrs"],
      ["an infinite base lr", (d) => (d.baseLrs = [1, "Infinity"]), "baseLrs[1]"],
      ["an invalid option", (d) => (d.options = { rate: -1 }), "options.rate"],
      ["an unknown option", (d) => (d.options = { rate: 1, gamma: 2 }), "options.gamma"],
      ["options that are not an object", (d) => (d.options = 3), "options"],
    ];
    for (const [what, mutate, field] of invalid) {
      it(`refuse ${what}, naming "${field}", and change nothing`, () => {
        const source = new RateLR(sgd(1, 2), { rate: 0.5 });
        source.step();
        const dict = JSON.parse(JSON.stringify(source.stateDict())) as Record<string, unknown>;
        mutate(dict);
        const optimizer = sgd(1, 2);
        const target = new RateLR(optimizer, { rate: 0.25 });
        target.step();
        const before = JSON.stringify([target.stateDict(), optimizer.paramGroups]);
        const error = thrown(() => target.loadStateDict(dict)) as InvalidStateDictError;
        expect(error).toBeInstanceOf(InvalidStateDictError);
        expect(error.field).toBe(field);
        expect(JSON.stringify([target.stateDict(), optimizer.paramGroups])).toBe(before);
      });
    }

    it("refuse a reference dict without its counter", () => {
      const error = thrown(() => new StepLR(sgd(1), { stepSize: 2 }).loadStateDict({ base_lrs: [1] })) as InvalidStateDictError;
      expect(error.field).toBe("last_epoch");
      expect((thrown(() => new StepLR(sgd(1), { stepSize: 2 }).loadStateDict(null)) as InvalidStateDictError).field).toBe("(state dict)");
    });
  });
});

describe("the counter's start", () => {
  it("is refused, naming the option as spelled, when it would start past 2**53 - 1", () => {
    const optimizer = { paramGroups: [{ lr: 0.1, initialLr: 0.1 }] };
    const error = thrown(() => createScheduler(optimizer, { type: "StepLR", params: { step_size: 10, last_epoch: Number.MAX_SAFE_INTEGER } })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("last_epoch");
    expect(error.value).toBe(Number.MAX_SAFE_INTEGER);
    expect(optimizer.paramGroups[0]).toEqual({ lr: 0.1, initialLr: 0.1 });
    const ds = thrown(() => createScheduler({ paramGroups: [{ lr: 0.1 }] }, { type: "WarmupLR", params: { last_batch_iteration: 2 ** 60 } })) as InvalidOptionError;
    expect(ds).toBeInstanceOf(InvalidOptionError);
    expect(ds.option).toBe("last_batch_iteration");
  });

  it("may be the last count itself, from which no step is taken", () => {
    const optimizer = { paramGroups: [{ lr: 0.1, initialLr: 0.1 }] };
    const scheduler = new StepLR(optimizer, { stepSize: 10, lastEpoch: Number.MAX_SAFE_INTEGER - 1 });
    expect(scheduler.lastEpoch).toBe(Number.MAX_SAFE_INTEGER);
    expect(thrown(() => scheduler.step())).toBeInstanceOf(StepError);
    expect(scheduler.lastEpoch).toBe(Number.MAX_SAFE_INTEGER);
  });
});

describe("loadStateDict config policy", () => {
  function saved(): unknown {
    const scheduler = new RateLR(sgd(1, 2), { rate: [0.5, 0.25] });
    scheduler.step();
    scheduler.step();
    return JSON.parse(JSON.stringify(scheduler.stateDict()));
  }

  it('"checkpoint" (the default) takes the checkpoint\'s options', () => {
    const optimizer = sgd(1, 2);
    const scheduler = new RateLR(optimizer, { rate: 0.9 });
    scheduler.loadStateDict(saved(), { config: "checkpoint" });
    expect(scheduler.options).toEqual({ rate: [0.5, 0.25] });
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.25, 2 * 0.25 ** 2]);
  });

  it('"current" keeps the constructor\'s options and restores the progress', () => {
    const optimizer = sgd(1, 2);
    const scheduler = new RateLR(optimizer, { rate: 0.5 });
    scheduler.loadStateDict(saved(), { config: "current" });
    expect(scheduler.options).toEqual({ rate: 0.5 });
    expect(scheduler.lastEpoch).toBe(2);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.25, 0.5]);
  });

  it('"strict" refuses any difference, listing each, and changes nothing', () => {
    const optimizer = sgd(1, 2);
    const scheduler = new RateLR(optimizer, { rate: 0.5 });
    const error = thrown(() => scheduler.loadStateDict(saved(), { config: "strict" })) as StateDictMismatchError;
    expect(error).toBeInstanceOf(StateDictMismatchError);
    expect(error.field).toBe("options.rate");
    expect(error.differences).toEqual([{ field: "options.rate", checkpointValue: [0.5, 0.25], currentValue: 0.5 }]);
    expect(scheduler.lastEpoch).toBe(0);
    const same = new RateLR(sgd(1, 2), { rate: [0.5, 0.25] });
    same.loadStateDict(saved(), { config: "strict" });
    expect(same.lastEpoch).toBe(2);
  });

  it("lists every difference in the message", () => {
    const error = new StateDictMismatchError("X", "options.a", 1, 2, [
      { field: "options.a", checkpointValue: 1, currentValue: 2 },
      { field: "options.b", checkpointValue: "x", currentValue: undefined },
    ]);
    expect(error.message).toBe('X: the checkpoint\'s settings differ from the constructor\'s (options.a: checkpoint 1, constructor 2; options.b: checkpoint "x", constructor undefined).');
  });

  it("refuses an unknown policy", () => {
    const error = thrown(() => new RateLR(sgd(1, 2), { rate: 0.5 }).loadStateDict(saved(), { config: "mine" as never })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("config");
  });
});

describe("no NaN or Infinity reaches an optimizer", () => {
  it("a step whose lr overflows throws a StepError and changes nothing", async () => {
    const { StepLR } = await import("../../src/index.js");
    const optimizer = sgd(1, 1e300);
    const scheduler = new StepLR(optimizer, { stepSize: 1, gamma: 1e10 });
    expect(thrown(() => scheduler.step())).toBeInstanceOf(StepError); // 1e10, and 1e310 overflows in group 1
    expect(scheduler.lastEpoch).toBe(0);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([1, 1e300]);
  });

  it("overflow is reported with the step and the group, and leaves every group as it was", async () => {
    const { ExponentialLR } = await import("../../src/index.js");
    const optimizer = sgd(1, 1e307);
    const scheduler = new ExponentialLR(optimizer, { gamma: 100 });
    const error = thrown(() => scheduler.step()) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(error.step).toBe(1);
    expect(error.message).toContain("param group 1");
    expect(error.message).toContain("the groups keep their values");
    expect(optimizer.paramGroups[0]!.lr).toBe(1);
    expect(scheduler.getLastLr()).toEqual([1, 1e307]);
  });

  it("a schedule that throws for a later group leaves the earlier groups as they were", async () => {
    const { LambdaLR } = await import("../../src/index.js");
    const optimizer = sgd(1, 1);
    const failing = (e: number) => {
      if (e === 2) throw new RangeError("no value at epoch 2");
      return 0.5 ** e;
    };
    const scheduler = new LambdaLR(optimizer, { lrLambda: [(e: number) => 0.1 * e, failing] });
    scheduler.step();
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.5]);
    expect(thrown(() => scheduler.step())).toBeInstanceOf(RangeError);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.1, 0.5]);
    expect(scheduler.getLastLr()).toEqual([0.1, 0.5]);
    expect(scheduler.lastEpoch).toBe(1);
  });

  it("an overflow puts back the lr a group held, also one set by hand since the last step", async () => {
    const { ExponentialLR } = await import("../../src/index.js");
    const optimizer = sgd(1, 1, 1e307);
    const scheduler = new ExponentialLR(optimizer, { gamma: 100 });
    optimizer.paramGroups[0]!.lr = 0.25; // a manual change the scheduler never wrote
    expect(thrown(() => scheduler.step())).toBeInstanceOf(StepError);
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.25, 1, 1e307]);
    expect(scheduler.getLastLr()).toEqual([1, 1, 1e307]);
    expect(scheduler.lastEpoch).toBe(0);
  });

  it("a state dict whose step lies where the schedule overflows is refused, naming the counter", async () => {
    const { CosineAnnealingLR, ExponentialLR } = await import("../../src/index.js");
    const optimizer = sgd(0.1);
    const cosine = new CosineAnnealingLR(optimizer, { tMax: 10 });
    const far = { ...JSON.parse(JSON.stringify(cosine.stateDict())), lastEpoch: 1e308 };
    expect((thrown(() => cosine.loadStateDict(far)) as InvalidStateDictError).field).toBe("lastEpoch");
    const exponential = new ExponentialLR(optimizer, { gamma: 0.5 });
    const own = { ...JSON.parse(JSON.stringify(exponential.stateDict())), lastEpoch: -5000 };
    const error = thrown(() => exponential.loadStateDict(own)) as InvalidStateDictError;
    expect(error).toBeInstanceOf(InvalidStateDictError);
    expect(error.field).toBe("lastEpoch");
    expect(exponential.lastEpoch).toBe(0);
    const reference = { gamma: 0.5, base_lrs: [0.1], last_epoch: -5000 };
    expect((thrown(() => exponential.loadStateDict(reference)) as InvalidStateDictError).field).toBe("last_epoch");
    expect(optimizer.paramGroups[0]!.lr).toBe(0.1);
  });

  it("MultiplicativeLR refuses a step too far to recompute its product", async () => {
    const { MultiplicativeLR } = await import("../../src/index.js");
    const scheduler = new MultiplicativeLR(sgd(1), { lrLambda: () => 1 });
    const dict = { ...(JSON.parse(JSON.stringify(scheduler.stateDict())) as object), lastEpoch: 1e12 };
    expect((thrown(() => scheduler.loadStateDict(dict)) as InvalidStateDictError).field).toBe("lastEpoch");
    expect(thrown(() => scheduler.step(1e12))).toBeInstanceOf(StepError);
  });
});
