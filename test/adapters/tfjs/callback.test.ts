import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { InvalidOptionError, ReduceLROnPlateau, StepError, StepLR, createScheduler, type LRScheduler } from "lr-schedulers";
import { lrSchedulerCallback, tfjsOptimizer } from "lr-schedulers/tfjs";
import { refusal as refuse } from "./refusal.js";

const SAMPLES = 16;
const BATCH = 4; // 4 updates per epoch
const xs = tf.tensor2d(Array.from({ length: SAMPLES }, (_, i) => [i / SAMPLES, (i % 4) / 4]));
const ys = tf.tensor2d(Array.from({ length: SAMPLES }, (_, i) => [2 * (i / SAMPLES) - (i % 4) / 4 + 0.5]));
const valXs = tf.tensor2d([[0.1, 0.2], [0.7, 0.4], [0.3, 0.9]]);
const valYs = tf.tensor2d([[0.5], [1.5], [0.2]]);

function model(optimizer: tf.Optimizer): tf.LayersModel {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: "ones", biasInitializer: "zeros" })] });
  m.compile({ optimizer, loss: "meanSquaredError" });
  return m;
}

/** A callback that records, before each update, the lr (and momentum or beta1) the optimizer will use. */
function recorder(optimizer: tf.Optimizer) {
  const fields = optimizer as unknown as { learningRate: number; beta1?: number; momentum?: number };
  const lrs: number[] = [];
  const momenta: number[] = [];
  return { lrs, momenta, onBatchBegin: () => void (lrs.push(fields.learningRate), momenta.push(fields.beta1 ?? fields.momentum ?? NaN)) };
}

describe("lrSchedulerCallback in model.fit", () => {
  it('interval "batch": OneCycleLR on Adam sets lr and beta1 of every update, across epochs', async () => {
    const optimizer = tf.train.adam(0.01);
    const scheduler = createScheduler(tfjsOptimizer(optimizer), { type: "OneCycleLR", params: { max_lr: 0.1, total_steps: 12 } });
    const cb = lrSchedulerCallback(scheduler, { interval: "batch" });
    const rec = recorder(optimizer);
    const history = await model(optimizer).fit(xs, ys, { epochs: 3, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: [rec, cb] });
    const expected = Array.from({ length: 12 }, (_, t) => scheduler.scheduleAt(0, t));
    expect(rec.lrs).toEqual(expected);
    expect(rec.lrs[0]).toBeCloseTo(0.1 / 25, 12);
    expect(Math.max(...rec.lrs)).toBeCloseTo(0.1, 2);
    // beta1 moves inversely to the lr: at its max (0.95) at the start, at its min near the peak lr.
    expect(rec.momenta[0]).toBeCloseTo(0.95, 12);
    expect(Math.min(...rec.momenta)).toBeLessThan(0.9);
    expect(cb.globalStep).toBe(12);
    expect(cb.epochsSeen).toBe(3);
    expect(scheduler.lastEpoch).toBe(12);
    // The epoch logs carry the lr of each epoch's last update.
    expect(history.history.lr).toEqual([expected[3], expected[7], expected[11]]);
  });

  it('interval "epoch": StepLR changes the lr between epochs only, and fitDataset works the same', async () => {
    const optimizer = tf.train.sgd(0.2);
    const scheduler = new StepLR(tfjsOptimizer(optimizer), { stepSize: 2, gamma: 0.5 });
    const rec = recorder(optimizer);
    const cb = lrSchedulerCallback(scheduler, { interval: "epoch" });
    const dataset = tf.data.zip({ xs: tf.data.array(tf.unstack(xs)), ys: tf.data.array(tf.unstack(ys)) }).batch(BATCH);
    const history = await model(optimizer).fitDataset(dataset as never, { epochs: 5, verbose: 0, callbacks: [rec, cb] });
    const perEpoch = [0.2, 0.2, 0.1, 0.1, 0.05];
    expect(rec.lrs).toEqual(perEpoch.flatMap((lr) => [lr, lr, lr, lr]));
    expect(history.history.lr).toEqual(perEpoch);
    expect(cb.globalStep).toBe(20);
    expect(scheduler.lastEpoch).toBe(5);
  });

  it("ReduceLROnPlateau gets val_loss each epoch and cuts the lr when it stalls", async () => {
    const optimizer = tf.train.sgd(0.5);
    const scheduler = new ReduceLROnPlateau(tfjsOptimizer(optimizer), { factor: 0.5, patience: 0, threshold: 0.9 });
    const rec = recorder(optimizer);
    const history = await model(optimizer).fit(xs, ys, {
      epochs: 6,
      batchSize: BATCH,
      shuffle: false,
      verbose: 0,
      validationData: [valXs, valYs],
      callbacks: [rec, lrSchedulerCallback(scheduler, { interval: "epoch" })],
    });
    // Replaying the logged val_loss into a fresh ReduceLROnPlateau gives the lrs the fit used.
    const valLoss = history.history.val_loss as number[];
    const replay = new ReduceLROnPlateau({ paramGroups: [{ lr: 0.5 }] }, { factor: 0.5, patience: 0, threshold: 0.9 });
    const replayed = valLoss.map((v) => {
      const lr = replay.optimizer.paramGroups[0]!.lr;
      replay.step(v);
      return lr;
    });
    expect(history.history.lr).toEqual(replayed);
    expect(rec.lrs.filter((_, i) => i % 4 === 0)).toEqual(replayed);
    expect(new Set(replayed).size).toBeGreaterThan(1);
    expect(scheduler.getLastLr()[0]).toBe(replay.getLastLr()[0]);
  });

  it("ReduceLROnPlateau with interval batch follows the training loss", async () => {
    const optimizer = tf.train.sgd(0.5);
    const scheduler = new ReduceLROnPlateau(tfjsOptimizer(optimizer), { factor: 0.5, patience: 1 });
    const losses: number[] = [];
    await model(optimizer).fit(xs, ys, {
      epochs: 2,
      batchSize: BATCH,
      shuffle: false,
      verbose: 0,
      callbacks: [{ onBatchEnd: (_b: number, logs?: tf.Logs) => void losses.push(logs!.loss!) }, lrSchedulerCallback(scheduler, { interval: "batch", monitor: "loss" })],
    });
    expect(losses).toHaveLength(8);
    expect(scheduler.lastEpoch).toBe(8);
    expect(scheduler.best).toBe(Math.min(...losses));
  });

  it("a missing monitored value stops fit with a StepError that names it", async () => {
    const optimizer = tf.train.sgd(0.1);
    const scheduler = new ReduceLROnPlateau(tfjsOptimizer(optimizer));
    const fit = model(optimizer).fit(xs, ys, { epochs: 2, batchSize: BATCH, verbose: 0, callbacks: [lrSchedulerCallback(scheduler, { interval: "epoch" })] });
    const error = await fit.then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(StepError);
    expect((error as StepError).message).toMatch(/"val_loss" is not in the epoch logs \(they have: loss\).*validationData/);
    expect(scheduler.lastEpoch).toBe(0);
  });
});

describe("lrSchedulerCallback refuses bad options when it is made", () => {
  const sgd = () => new StepLR(tfjsOptimizer(tf.train.sgd(0.1)), { stepSize: 1 });
  const refusal = (fn: () => unknown) => refuse<InvalidOptionError>(fn);

  it.each([
    ["interval", () => lrSchedulerCallback(sgd(), {} as never)],
    ["interval", () => lrSchedulerCallback(sgd(), { interval: "step" } as never)],
    ["monitor", () => lrSchedulerCallback(sgd(), { interval: "epoch", monitor: "val_loss" })],
    ["monitor", () => lrSchedulerCallback(new ReduceLROnPlateau(tfjsOptimizer(tf.train.sgd(0.1))), { interval: "batch" })],
    ["monitor", () => lrSchedulerCallback(new ReduceLROnPlateau(tfjsOptimizer(tf.train.sgd(0.1))), { interval: "epoch", monitor: "" })],
    ["every", () => lrSchedulerCallback(sgd(), { interval: "epoch", every: 2 } as never)],
    ["scheduler", () => lrSchedulerCallback({} as LRScheduler, { interval: "epoch" })],
  ])("names %s", (option, make) => {
    const error = refusal(make);
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe(option);
  });
});

describe("resuming a TF.js run from the scheduler's JSON state", () => {
  it("2 epochs + save + restore + 2 epochs gives the same lrs and weights as 4 straight epochs", async () => {
    const params = { max_lr: 0.3, total_steps: 16, cycle_momentum: false };
    const run = async (epochs: number, m: tf.LayersModel, optimizer: tf.Optimizer, scheduler: LRScheduler) => {
      const rec = recorder(optimizer);
      await m.fit(xs, ys, { epochs, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: [rec, lrSchedulerCallback(scheduler, { interval: "batch" })] });
      return rec.lrs;
    };

    const optA = tf.train.sgd(0.01);
    const modelA = model(optA);
    const straight = await run(4, modelA, optA, createScheduler(tfjsOptimizer(optA), { type: "OneCycleLR", params }));

    const optB = tf.train.sgd(0.01);
    const modelB = model(optB);
    const schedulerB = createScheduler(tfjsOptimizer(optB), { type: "OneCycleLR", params });
    const first = await run(2, modelB, optB, schedulerB);
    const saved = JSON.stringify({ weights: modelB.getWeights().map((w) => Array.from(w.dataSync())), scheduler: schedulerB.stateDict() });

    // A new process: fresh optimizer, model and scheduler, then the checkpoint.
    const optC = tf.train.sgd(0.01);
    const modelC = model(optC);
    modelC.setWeights((JSON.parse(saved).weights as number[][]).map((w, i) => tf.tensor(w, modelB.getWeights()[i]!.shape)));
    const resumed = createScheduler(tfjsOptimizer(optC), { type: "OneCycleLR", params });
    resumed.loadStateDict(JSON.parse(saved).scheduler);
    expect((optC as unknown as { learningRate: number }).learningRate).toBe(straight[8]);
    const second = await run(2, modelC, optC, resumed);

    expect([...first, ...second]).toEqual(straight);
    expect(new Set(straight).size).toBeGreaterThan(8);
    modelA.getWeights().forEach((w, i) => expect(Array.from(modelC.getWeights()[i]!.dataSync())).toEqual(Array.from(w.dataSync())));
  });
});
