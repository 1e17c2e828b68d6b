/**
 * #15: Keras' ReduceLROnPlateau and LearningRateScheduler as TF.js callbacks, under Keras' names
 * and options, on the model's own optimizer, with `lr` in the epoch logs.
 */
import * as tf from "@tensorflow/tfjs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { CosineDecay, InvalidOptionError, KerasReduceLROnPlateau, StepError, createScheduler, onWarning } from "lr-schedulers";
import { learningRateScheduler, lrSchedulerCallback, reduceLROnPlateau, scheduleOptimizer, tfjsOptimizer } from "lr-schedulers/tfjs";
import { refusal } from "./refusal.js";
import { BATCH, countReads, data, linearModel, recordUpdates, rel } from "./support.js";

const { xs, ys, valXs, valYs } = data();
const PER_EPOCH = 4;
const fitArgs = { batchSize: BATCH, shuffle: false, verbose: 0, validationData: [valXs, valYs] as [tf.Tensor, tf.Tensor] };
const PARAMS = { monitor: "val_loss", factor: 0.5, patience: 1, min_delta: 0.05, min_lr: 0.01 } as const;

/** The lr of each epoch under Keras' rule: this library's keras.ReduceLROnPlateau on a plain optimizer, fed the run's val_loss. */
function kerasReplay(lr: number, valLoss: readonly number[]): number[] {
  const optimizer = { paramGroups: [{ lr }] };
  const plateau = new KerasReduceLROnPlateau(optimizer, PARAMS);
  return valLoss.map((v) => {
    const used = optimizer.paramGroups[0]!.lr;
    plateau.step(v);
    return used;
  });
}

afterEach(() => vi.restoreAllMocks());

describe("reduceLROnPlateau({ monitor, factor, patience, ... })", () => {
  it("cuts the lr of the model's own optimizer on a plateau of val_loss: proven from Δw = −lr·grad and history.history.lr", async () => {
    const model = linearModel(tf.train.sgd(0.3)); // nothing wraps it: the callback reads model.optimizer
    const rec = recordUpdates(model.optimizer, model);
    const callback = reduceLROnPlateau(PARAMS);
    const history = await model.fit(xs, ys, { epochs: 8, ...fitArgs, callbacks: [callback] });
    const valLoss = history.history.val_loss as number[];
    const perEpoch = kerasReplay(0.3, valLoss);
    expect(history.history.lr).toEqual(perEpoch);
    expect(rec.lrs).toEqual(perEpoch.flatMap((lr) => Array<number>(PER_EPOCH).fill(lr)));
    rec.lrs.forEach((lr, k) => expect(rel(rec.lrFromWeights(k), lr), `update ${k}`).toBeLessThan(1e-4));
    expect(new Set(perEpoch).size).toBeGreaterThan(2);
    expect(callback.scheduler!.type).toBe("keras.ReduceLROnPlateau");
    expect(callback.scheduler!.optimizer).toBe(tfjsOptimizer(model.optimizer));
    expect(Math.min(...perEpoch)).toBeGreaterThanOrEqual(0.01); // min_lr
  });

  it("takes Keras' spellings and defaults, and refuses what Keras refuses when it is made", () => {
    expect(refusal<InvalidOptionError>(() => reduceLROnPlateau({ factor: 1 })).option).toBe("factor");
    expect(refusal<InvalidOptionError>(() => reduceLROnPlateau({ patience: 2, minDelta: 0.1, min_delta: 0.2 } as never))).toBeInstanceOf(InvalidOptionError);
    expect(refusal<InvalidOptionError>(() => reduceLROnPlateau({ every: 2 } as never)).option).toBe("every");
    const model = linearModel(tf.train.sgd(0.1));
    const callback = reduceLROnPlateau({ minDelta: 0.1, minLr: 1e-3, cooldown: 2 });
    callback.setModel(model);
    expect(callback.scheduler!.options).toMatchObject({ monitor: "val_loss", factor: 0.1, patience: 10, mode: "auto", minDelta: 0.1, cooldown: 2, minLr: 1e-3 });
  });

  it("verbose prints Keras' line at each cut", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const model = linearModel(tf.train.sgd(0.3));
    await model.fit(xs, ys, { epochs: 8, ...fitArgs, callbacks: [reduceLROnPlateau({ ...PARAMS, verbose: 1 })] });
    expect(log.mock.calls.length).toBeGreaterThan(0);
    expect(String(log.mock.calls[0]![0])).toMatch(/^\nEpoch \d+: ReduceLROnPlateau reducing learning rate to 0\.15\.$/);
  });

  it("a missing monitor is a warning and changes nothing, as in Keras", async () => {
    const warnings: string[] = [];
    const stop = onWarning((w) => warnings.push(w.code));
    const model = linearModel(tf.train.sgd(0.1));
    const history = await model.fit(xs, ys, { epochs: 2, batchSize: BATCH, verbose: 0, callbacks: [reduceLROnPlateau()] });
    stop();
    expect(warnings).toContain("metric-not-available");
    expect(history.history.lr).toEqual([0.1, 0.1]);
  });

  it("reads no more tensors than the fit does: the monitored value is read once, where History would", async () => {
    const fit = (callbacks: tf.Callback[]) => linearModel(tf.train.sgd(0.3)).fit(xs, ys, { epochs: 4, ...fitArgs, callbacks });
    const without = await countReads(() => fit([]));
    expect(await countReads(() => fit([reduceLROnPlateau(PARAMS)]))).toBe(without);
  });

  it("needs the model: TF.js gives it only when a tf.Callback comes first; setModel(model) also does", async () => {
    const model = linearModel(tf.train.sgd(0.3));
    const plain = { onEpochEnd: () => {} };
    const fit = model.fit(xs, ys, { epochs: 1, ...fitArgs, callbacks: [plain, reduceLROnPlateau(PARAMS)] as never });
    const error = await fit.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect((error as InvalidOptionError).message).toMatch(/first.*setModel/);
    const given = reduceLROnPlateau(PARAMS);
    given.setModel(model);
    const history = await model.fit(xs, ys, { epochs: 2, ...fitArgs, callbacks: [plain, given] as never });
    expect(history.history.lr).toEqual([0.3, 0.3]);
  });
});

describe("reduceLROnPlateau on top of a schedule stepped every update", () => {
  const COSINE = { initialLearningRate: 0.02, decaySteps: 28, warmupTarget: 0.3, warmupSteps: 4, alpha: 0.2 } as const;
  // With a schedule under it, min_lr floors the lr at the cut (the schedule's value then times the cuts so far).
  const CUTS = { ...PARAMS, min_lr: 0 };

  it("scheduleOptimizer with Keras' CosineDecay: the cuts multiply the cosine, as withPlateau does", async () => {
    const model = linearModel(tf.train.sgd(0.02));
    const cosine = new CosineDecay(tfjsOptimizer(model.optimizer), COSINE);
    const hook = scheduleOptimizer(model.optimizer, cosine);
    const rec = recordUpdates(model.optimizer, model);
    const callback = reduceLROnPlateau(CUTS);
    const history = await model.fit(xs, ys, { epochs: 8, ...fitArgs, callbacks: [callback] });
    hook.detach();
    // The cut in force at each update is Keras' rule on the plateau of val_loss.
    const valLoss = history.history.val_loss as number[];
    const cuts = rec.lrs.map((lr, k) => lr / cosine.scheduleAt(0, k));
    const factors = [1];
    const plain = { paramGroups: [{ lr: 1 }] };
    const replay = new KerasReduceLROnPlateau(plain, CUTS);
    for (const v of valLoss.slice(0, -1)) {
      replay.step(v);
      factors.push(plain.paramGroups[0]!.lr);
    }
    cuts.forEach((c, k) => expect(c).toBeCloseTo(factors[Math.floor(k / PER_EPOCH)]!, 12));
    expect(new Set(factors).size).toBeGreaterThan(2);
    rec.lrs.forEach((lr, k) => expect(rel(rec.lrFromWeights(k), lr), `update ${k}`).toBeLessThan(1e-4));
    expect(history.history.lr).toEqual(rec.lrs.filter((_, k) => k % PER_EPOCH === PER_EPOCH - 1));
    expect(callback.scheduler!.type).toBe("tfjs.ReduceLROnPlateauOnSchedule");
  });

  it("lrSchedulerCallback, wrapped in tf.CustomCallback after the Keras-style callback, gives the same run", async () => {
    const run = async (way: "hook" | "callback") => {
      const model = linearModel(tf.train.sgd(0.02));
      const cosine = new CosineDecay(tfjsOptimizer(model.optimizer), COSINE);
      const rec = recordUpdates(model.optimizer, model);
      const hook = way === "hook" ? scheduleOptimizer(model.optimizer, cosine) : undefined;
      // min_lr included: the plateau sees the same lr at the epoch end either way.
      const callbacks = way === "hook" ? [reduceLROnPlateau(PARAMS)] : [reduceLROnPlateau(PARAMS), new tf.CustomCallback(lrSchedulerCallback(cosine, { interval: "batch" }) as never)];
      const history = await model.fit(xs, ys, { epochs: 8, ...fitArgs, callbacks });
      hook?.detach();
      return { lrs: rec.lrs, lr: history.history.lr };
    };
    const a = await run("hook");
    const b = await run("callback");
    expect(b.lrs).toEqual(a.lrs);
    expect(b.lr).toEqual(a.lr);
  });
});

describe("learningRateScheduler((epoch, lr) => newLr)", () => {
  it("sets the lr at each epoch's start from the epoch and the current lr, and logs it", async () => {
    const model = linearModel(tf.train.sgd(0.2));
    const rec = recordUpdates(model.optimizer, model);
    const calls: [number, number][] = [];
    const history = await model.fit(xs, ys, {
      epochs: 4,
      ...fitArgs,
      callbacks: [learningRateScheduler((epoch, lr) => (calls.push([epoch, lr]), epoch < 2 ? lr : lr * 0.5))],
    });
    expect(calls).toEqual([[0, 0.2], [1, 0.2], [2, 0.2], [3, 0.1]]);
    expect(history.history.lr).toEqual([0.2, 0.2, 0.1, 0.05]);
    expect(rec.lrs).toEqual([0.2, 0.2, 0.1, 0.05].flatMap((lr) => Array<number>(PER_EPOCH).fill(lr)));
    rec.lrs.forEach((lr, k) => expect(rel(rec.lrFromWeights(k), lr)).toBeLessThan(1e-4));
  });

  it("with reduceLROnPlateau on the same optimizer: each sees the other's lr, and both log the epoch's lr", async () => {
    const model = linearModel(tf.train.sgd(0.3));
    const history = await model.fit(xs, ys, { epochs: 8, ...fitArgs, callbacks: [learningRateScheduler((_e, lr) => lr), reduceLROnPlateau(PARAMS)] });
    expect(history.history.lr).toEqual(kerasReplay(0.3, history.history.val_loss as number[]));
  });

  it("refuses a function that returns no finite number, and an optimizer a schedule already drives", async () => {
    const model = linearModel(tf.train.sgd(0.2));
    const bad = model.fit(xs, ys, { epochs: 1, ...fitArgs, callbacks: [learningRateScheduler(() => tf.scalar(0.1) as never)] });
    const error = await bad.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).message).toMatch(/finite number \(a tensor was returned/);
    expect((model.optimizer as unknown as { learningRate: number }).learningRate).toBe(0.2);
    const hook = scheduleOptimizer(model.optimizer, createScheduler(tfjsOptimizer(model.optimizer), { type: "StepLR", params: { step_size: 1 } }));
    const clash = model.fit(xs, ys, { epochs: 1, ...fitArgs, callbacks: [learningRateScheduler((_e, lr) => lr)] });
    expect(await clash.then(() => undefined, (e: unknown) => e)).toBeInstanceOf(InvalidOptionError);
    hook.detach();
    expect(refusal(() => learningRateScheduler("x" as never))).toBeInstanceOf(InvalidOptionError);
  });
});
