import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { InvalidOptionError, ReduceLROnPlateau, StepError, StepLR, createScheduler, withPlateau, type LRScheduler } from "lr-schedulers";
import { lrSchedulerCallback, tfjsOptimizer } from "lr-schedulers/tfjs";
import { refusal as refuse } from "./refusal.js";
import { BATCH, countReads, data, linearModel as model, recordUpdates } from "./support.js";

const { xs, ys, valXs, valYs } = data();

describe("lrSchedulerCallback in model.fit", () => {
  it('interval "batch": OneCycleLR on Adam sets lr and beta1 of every update, across epochs', async () => {
    const optimizer = tf.train.adam(0.01);
    const scheduler = createScheduler(tfjsOptimizer(optimizer), { type: "OneCycleLR", params: { max_lr: 0.1, total_steps: 12 } });
    const cb = lrSchedulerCallback(scheduler, { interval: "batch" });
    const rec = recordUpdates(optimizer);
    const history = await model(optimizer).fit(xs, ys, { epochs: 3, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: [cb] });
    const expected = Array.from({ length: 12 }, (_, t) => scheduler.scheduleAt(0, t));
    expect(rec.lrs).toEqual(expected);
    expect(rec.lrs[0]).toBeCloseTo(0.1 / 25, 12);
    expect(Math.max(...rec.lrs)).toBeCloseTo(0.1, 2);
    // beta1 moves inversely to the lr: at its max (0.95) at the start, at its min near the peak lr.
    const beta1s = rec.updates.map((u) => u.momentum);
    expect(beta1s[0]).toBeCloseTo(0.95, 12);
    expect(Math.min(...beta1s)).toBeLessThan(0.9);
    expect(cb.globalStep).toBe(12);
    expect(cb.epochsSeen).toBe(3);
    expect(scheduler.lastEpoch).toBe(12); // the step after the last update is taken at the last epoch end
    // The epoch logs carry the lr of each epoch's last update.
    expect(history.history.lr).toEqual([expected[3], expected[7], expected[11]]);
  });

  it('interval "epoch": StepLR changes the lr between epochs only, and fitDataset works the same', async () => {
    const optimizer = tf.train.sgd(0.2);
    const scheduler = new StepLR(tfjsOptimizer(optimizer), { stepSize: 2, gamma: 0.5 });
    const rec = recordUpdates(optimizer);
    const cb = lrSchedulerCallback(scheduler, { interval: "epoch" });
    const dataset = tf.data.zip({ xs: tf.data.array(tf.unstack(xs)), ys: tf.data.array(tf.unstack(ys)) }).batch(BATCH);
    const history = await model(optimizer).fitDataset(dataset as never, { epochs: 5, verbose: 0, callbacks: [cb] });
    const perEpoch = [0.2, 0.2, 0.1, 0.1, 0.05];
    expect(rec.lrs).toEqual(perEpoch.flatMap((lr) => [lr, lr, lr, lr]));
    expect(history.history.lr).toEqual(perEpoch);
    expect(cb.globalStep).toBeUndefined(); // no batch hook at all
    expect(cb.epochsSeen).toBe(5);
    expect(scheduler.lastEpoch).toBe(5);
  });

  it("ReduceLROnPlateau gets val_loss each epoch and cuts the lr when it stalls", async () => {
    const optimizer = tf.train.sgd(0.5);
    const scheduler = new ReduceLROnPlateau(tfjsOptimizer(optimizer), { factor: 0.5, patience: 0, threshold: 0.9 });
    const rec = recordUpdates(optimizer);
    const history = await model(optimizer).fit(xs, ys, {
      epochs: 6,
      batchSize: BATCH,
      shuffle: false,
      verbose: 0,
      validationData: [valXs, valYs],
      callbacks: [lrSchedulerCallback(scheduler, { interval: "epoch" })],
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
    const cb = lrSchedulerCallback(scheduler, { interval: "batch", monitor: "loss" });
    await model(optimizer).fit(xs, ys, {
      epochs: 2,
      batchSize: BATCH,
      shuffle: false,
      verbose: 0,
      callbacks: [{ onBatchEnd: (_b: number, logs?: tf.Logs) => void losses.push(logs!.loss!) }, cb],
    });
    expect(losses).toHaveLength(8);
    expect(scheduler.lastEpoch).toBe(8);
    expect(cb.globalStep).toBe(8);
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

describe("stepping reads nothing (#18)", () => {
  const fit = (optimizer: tf.Optimizer, callbacks: object[], validation = false) =>
    model(optimizer).fit(xs, ys, { epochs: 3, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: callbacks as never, ...(validation ? { validationData: [valXs, valYs] } : {}) });

  it("defines only the hooks its interval needs", () => {
    const make = (interval: "batch" | "epoch") => lrSchedulerCallback(new StepLR(tfjsOptimizer(tf.train.sgd(0.1)), { stepSize: 1 }), { interval });
    const hooks = (cb: object) => Object.keys(cb).filter((k) => k.startsWith("on")).sort();
    expect(hooks(make("batch"))).toEqual(["onBatchBegin", "onEpochEnd"]);
    expect(hooks(make("epoch"))).toEqual(["onEpochEnd"]);
    const plateau = () => new ReduceLROnPlateau(tfjsOptimizer(tf.train.sgd(0.1)));
    expect(hooks(lrSchedulerCallback(plateau(), { interval: "epoch" }))).toEqual(["onEpochEnd"]);
    // Only a schedule fed a batch metric reads the batch logs.
    expect(hooks(lrSchedulerCallback(plateau(), { interval: "batch", monitor: "loss" }))).toEqual(["onBatchEnd", "onEpochEnd"]);
  });

  it.each(["batch", "epoch"] as const)('interval "%s": a real fit reads as many tensors with the scheduler as without', async (interval) => {
    const without = await countReads(() => fit(tf.train.sgd(0.05), []));
    const optimizer = tf.train.sgd(0.05);
    const scheduler = createScheduler(tfjsOptimizer(optimizer), { type: "CosineAnnealingLR", params: { T_max: 12 } });
    const cb = lrSchedulerCallback(scheduler, { interval });
    const withScheduler = await countReads(() => fit(optimizer, [cb]));
    expect(without).toBeGreaterThan(0); // History reads each epoch's loss once
    expect(withScheduler).toBe(without);
    expect(scheduler.lastEpoch).toBe(interval === "batch" ? 12 : 3);
  });

  it("a plateau on val_loss at each epoch end reads nothing more than the fit itself does", async () => {
    const without = await countReads(() => fit(tf.train.sgd(0.05), [], true));
    const optimizer = tf.train.sgd(0.05);
    const cosine = createScheduler(tfjsOptimizer(optimizer), { type: "CosineDecay", params: { initial_learning_rate: 0.05, decay_steps: 12 } });
    const plateau = withPlateau(cosine, { patience: 0 });
    const withScheduler = await countReads(() => fit(optimizer, [lrSchedulerCallback(cosine, { interval: "batch" }), lrSchedulerCallback(plateau, { interval: "epoch" })], true));
    expect(withScheduler).toBe(without);
  });

  it("the old way, a callback with onBatchEnd, reads the loss of every batch", async () => {
    const without = await countReads(() => fit(tf.train.sgd(0.05), []));
    const withBatchEnd = await countReads(() => fit(tf.train.sgd(0.05), [{ onBatchEnd: () => {} }]));
    expect(withBatchEnd - without).toBe(12); // one read of the loss per batch
  });
});

describe("the lr in the epoch logs with several callbacks", () => {
  it("a per-batch schedule and a plateau on it log the lr of each epoch's last update, in either order", async () => {
    for (const order of ["schedule first", "plateau first"]) {
      const optimizer = tf.train.sgd(0.1);
      const cosine = createScheduler(tfjsOptimizer(optimizer), { type: "CosineDecay", params: { initial_learning_rate: 0.1, decay_steps: 24, alpha: 0.1 } });
      const plateau = withPlateau(cosine, { factor: 0.5, patience: 0 });
      const rec = recordUpdates(optimizer);
      const a = lrSchedulerCallback(cosine, { interval: "batch" });
      const b = lrSchedulerCallback(plateau, { interval: "epoch" });
      const history = await model(optimizer).fit(xs, ys, {
        epochs: 6,
        batchSize: BATCH,
        shuffle: false,
        verbose: 0,
        validationData: [valXs, valYs],
        callbacks: order === "schedule first" ? [a, b] : [b, a],
      });
      const lastOfEpoch = rec.lrs.filter((_, k) => k % 4 === 3);
      expect(history.history.lr, order).toEqual(lastOfEpoch);
      expect(new Set(rec.lrs.map((lr, k) => lr / cosine.scheduleAt(0, k))).size, "the plateau cut").toBeGreaterThan(1);
    }
  });

  it("a callback reading the lr at onBatchBegin after this one sees the lr of the coming update", async () => {
    const optimizer = tf.train.sgd(0.1);
    const scheduler = new StepLR(tfjsOptimizer(optimizer), { stepSize: 1, gamma: 0.5 });
    const rec = recordUpdates(optimizer);
    const seen: number[] = [];
    const group = scheduler.optimizer.paramGroups[0]!;
    await model(optimizer).fit(xs, ys, { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: [lrSchedulerCallback(scheduler, { interval: "batch" }), { onBatchBegin: () => void seen.push(group.lr) }] });
    expect(seen).toEqual(rec.lrs);
    expect(rec.lrs).toEqual([0.1, 0.05, 0.025, 0.0125]);
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
      const rec = recordUpdates(optimizer);
      await m.fit(xs, ys, { epochs, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: [lrSchedulerCallback(scheduler, { interval: "batch" })] });
      rec.restore();
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
