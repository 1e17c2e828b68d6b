import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { CosineDecay, InvalidOptimizerError, InvalidOptionError, LRSchedulerError, ReduceLROnPlateau, StepLR, createScheduler } from "lr-schedulers";
import { lrSchedulerCallback, scheduleOptimizer, tfjsOptimizer } from "lr-schedulers/tfjs";
import { refusal } from "./refusal.js";
import { BATCH, countReads, data, gradient, linearModel as model, recordUpdates, rel } from "./support.js";

const { xs, ys } = data();
const fitArgs = { batchSize: BATCH, shuffle: false, verbose: 0 } as const;
/** Keras' CosineDecay without warmup, written out: the value at count k. */
const kerasCosine = (k: number, initial: number, steps: number) => initial * (0.5 * (1 + Math.cos(Math.PI * (Math.min(k, steps) / steps))));

describe("scheduleOptimizer: the schedule steps inside applyGradients", () => {
  it("model.fit with no callback: OneCycleLR sets the lr and beta1 of every update", async () => {
    const optimizer = tf.train.adam(0.01);
    const scheduler = createScheduler(tfjsOptimizer(optimizer), { type: "OneCycleLR", params: { max_lr: 0.1, total_steps: 12 } });
    const rec = recordUpdates(optimizer);
    const hook = scheduleOptimizer(optimizer, scheduler);
    await model(optimizer).fit(xs, ys, { epochs: 3, ...fitArgs });
    expect(rec.lrs).toEqual(Array.from({ length: 12 }, (_, k) => scheduler.scheduleAt(0, k)));
    expect(rec.updates[0]!.momentum).toBeCloseTo(0.95, 12);
    expect(Math.min(...rec.updates.map((u) => u.momentum))).toBeLessThan(0.9);
    expect(hook.updates).toBe(12);
    expect(hook.lastUpdateLr).toBe(rec.lrs[11]);
    expect(scheduler.lastEpoch).toBe(12);
  });

  it("the lr of update k is the schedule's value at count k (Keras' convention, PyTorch's step after the update)", async () => {
    const optimizer = tf.train.sgd(0.1);
    const scheduler = new CosineDecay(tfjsOptimizer(optimizer), { initialLearningRate: 0.2, decaySteps: 10 });
    const m = model(optimizer);
    const rec = recordUpdates(optimizer, m);
    const seenBetween: number[] = [];
    const hook = scheduleOptimizer(optimizer, scheduler);
    await m.fit(xs, ys, { epochs: 3, ...fitArgs, callbacks: { onBatchBegin: () => void seenBetween.push(scheduler.lastEpoch) } });
    rec.lrs.forEach((lr, k) => expect(rel(lr, kerasCosine(k, 0.2, 10))).toBeLessThan(1e-15));
    // Before update k the counter stands at k: the optimizer already holds the value for it.
    expect(seenBetween).toEqual(Array.from({ length: 12 }, (_, k) => k));
    expect(scheduler.lastEpoch).toBe(hook.updates);
    // And Δw = −lr·grad proves the update used it.
    rec.lrs.forEach((lr, k) => {
      if (lr > 1e-3) expect(rel(rec.lrFromWeights(k), lr), `update ${k}`).toBeLessThan(1e-4);
    });
  });

  it("works in fitDataset, trainOnBatch, optimizer.minimize and a hand-written loop", async () => {
    const optimizer = tf.train.sgd(0.05);
    const scheduler = new StepLR(tfjsOptimizer(optimizer), { stepSize: 2, gamma: 0.5 });
    const rec = recordUpdates(optimizer);
    scheduleOptimizer(optimizer, scheduler);
    const m = model(optimizer);
    const dataset = tf.data.zip({ xs: tf.data.array(tf.unstack(xs)), ys: tf.data.array(tf.unstack(ys)) }).batch(BATCH);
    await m.fitDataset(dataset as never, { epochs: 1, verbose: 0 }); // 4 updates
    await m.trainOnBatch(xs.slice([0, 0], [BATCH, 2]), ys.slice([0, 0], [BATCH, 1])); // 1
    // A hand-written loop on the model's own variables: Δw = −lr·grad exactly as SGD does it.
    for (let step = 0; step < 3; step++) {
      const w = Array.from(m.getWeights()[0]!.dataSync());
      const b = m.getWeights()[1]!.dataSync()[0]!;
      const lr = scheduler.optimizer.paramGroups[0]!.lr;
      optimizer.minimize(() => tf.losses.meanSquaredError(ys.slice([0, 0], [BATCH, 1]), m.predict(xs.slice([0, 0], [BATCH, 2])) as tf.Tensor) as tf.Scalar);
      const { gw } = gradient(w, b, 0);
      expect(rel(m.getWeights()[0]!.dataSync()[0]! - w[0]!, -lr * gw[0]!)).toBeLessThan(1e-4);
    }
    const lr = (t: number) => 0.05 * 0.5 ** Math.floor(t / 2);
    expect(rec.lrs).toEqual(Array.from({ length: 8 }, (_, t) => lr(t)));
    expect(scheduler.lastEpoch).toBe(8);
  });

  it("reads nothing: a fit reads as many tensors with the hook as without", async () => {
    const fit = (optimizer: tf.Optimizer) => model(optimizer).fit(xs, ys, { epochs: 3, ...fitArgs });
    const without = await countReads(() => fit(tf.train.sgd(0.05)));
    const optimizer = tf.train.momentum(0.05, 0.9);
    scheduleOptimizer(optimizer, createScheduler(tfjsOptimizer(optimizer), { type: "OneCycleLR", params: { max_lr: 0.1, total_steps: 12 } }));
    expect(await countReads(() => fit(optimizer))).toBe(without);
  });

  it("leaks no tensor: SGD's lr scalar and Momentum's momentum scalar are replaced, not piled up", async () => {
    for (const optimizer of [tf.train.sgd(0.05), tf.train.momentum(0.05, 0.9)]) {
      const m = model(optimizer);
      const hook = scheduleOptimizer(optimizer, createScheduler(tfjsOptimizer(optimizer), { type: "OneCycleLR", params: { max_lr: 0.1, total_steps: 24, cycle_momentum: optimizer.getClassName() === "Momentum" } }));
      await m.fit(xs, ys, { epochs: 1, ...fitArgs }); // creates the optimizer's own state
      const before = tf.memory().numTensors;
      await m.fit(xs, ys, { epochs: 5, ...fitArgs });
      expect(tf.memory().numTensors).toBe(before);
      hook.detach();
    }
  });

  it("detach() gives the optimizer its own applyGradients back and leaves the lr as it is", async () => {
    const optimizer = tf.train.sgd(0.1);
    const scheduler = new StepLR(tfjsOptimizer(optimizer), { stepSize: 1, gamma: 0.5 });
    const hook = scheduleOptimizer(optimizer, scheduler);
    expect(Object.prototype.hasOwnProperty.call(optimizer, "applyGradients")).toBe(true);
    const m = model(optimizer);
    await m.fit(xs, ys, { epochs: 1, ...fitArgs });
    hook.detach();
    expect(hook.attached).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(optimizer, "applyGradients")).toBe(false);
    expect(optimizer.applyGradients).toBe(tf.SGDOptimizer.prototype.applyGradients);
    const rec = recordUpdates(optimizer);
    await m.fit(xs, ys, { epochs: 1, ...fitArgs });
    expect(rec.lrs).toEqual([0.1 / 16, 0.1 / 16, 0.1 / 16, 0.1 / 16]);
    expect(scheduler.lastEpoch).toBe(4);
    rec.restore();
    // A new hook can go on again.
    const again = scheduleOptimizer(optimizer, scheduler);
    await m.fit(xs, ys, { epochs: 1, ...fitArgs });
    expect(scheduler.lastEpoch).toBe(8);
    again.detach();
  });

  it("detach() under another wrapper: that wrapper stays, and this hook passes straight through", async () => {
    const optimizer = tf.train.sgd(0.1);
    const scheduler = new StepLR(tfjsOptimizer(optimizer), { stepSize: 1, gamma: 0.5 });
    const hook = scheduleOptimizer(optimizer, scheduler);
    const rec = recordUpdates(optimizer); // wraps the hook
    hook.detach();
    await model(optimizer).fit(xs, ys, { epochs: 1, ...fitArgs });
    expect(rec.lrs).toEqual([0.1, 0.1, 0.1, 0.1]);
    expect(scheduler.lastEpoch).toBe(0);
  });

  it("refuses what would not step with the updates, or would step twice", () => {
    const optimizer = tf.train.sgd(0.1);
    const other = new StepLR(tfjsOptimizer(tf.train.sgd(0.1)), { stepSize: 1 });
    expect(refusal<InvalidOptionError>(() => scheduleOptimizer(optimizer, other)).option).toBe("scheduler");
    expect(refusal<InvalidOptionError>(() => scheduleOptimizer(optimizer, new ReduceLROnPlateau(tfjsOptimizer(optimizer)) as never)).message).toMatch(/metric/);
    expect(refusal(() => scheduleOptimizer({ getClassName: () => "Lion", applyGradients() {} }, other))).toBeInstanceOf(InvalidOptimizerError);
    const scheduler = new StepLR(tfjsOptimizer(optimizer), { stepSize: 1 });
    const hook = scheduleOptimizer(optimizer, scheduler);
    expect(refusal(() => scheduleOptimizer(optimizer, new StepLR(tfjsOptimizer(optimizer), { stepSize: 2 })))).toBeInstanceOf(InvalidOptimizerError);
    expect(refusal<InvalidOptionError>(() => lrSchedulerCallback(scheduler, { interval: "batch" })).message).toMatch(/twice/);
    hook.detach();
    expect(lrSchedulerCallback(scheduler, { interval: "batch" }).onBatchBegin).toBeTypeOf("function");
    expect(refusal(() => scheduleOptimizer(optimizer, "x" as never))).toBeInstanceOf(LRSchedulerError);
  });

  it("tfjsOptimizer gives one view per TF.js optimizer, so schedulers of it compose", () => {
    const optimizer = tf.train.sgd(0.1);
    expect(tfjsOptimizer(optimizer)).toBe(tfjsOptimizer(optimizer));
    expect(tfjsOptimizer(tf.train.sgd(0.1))).not.toBe(tfjsOptimizer(optimizer));
  });
});
