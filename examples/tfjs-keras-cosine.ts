/**
 * Training a TensorFlow.js model the Keras way: Keras' CosineDecay with a linear warmup
 * (`warmup_target`) sets the lr of every update, and Keras' ReduceLROnPlateau cuts it when val_loss
 * stops improving. The schedule steps inside the optimizer (no callback, nothing read from the
 * backend); the plateau is a Keras-style callback on the model's own optimizer.
 * Run: npm run example -- examples/tfjs-keras-cosine.ts
 */
import assert from "node:assert/strict";
import * as tf from "@tensorflow/tfjs";
import { CosineDecay, KerasReduceLROnPlateau } from "lr-schedulers";
import { reduceLROnPlateau, scheduleOptimizer, tfjsOptimizer } from "lr-schedulers/tfjs";

const EPOCHS = 16;
const BATCH = 16; // 64 samples: 4 updates per epoch
const UPDATES = EPOCHS * 4;

export async function run() {
  // y = sin(2x) on [-1, 1]; the validation labels are off by ±0.2, so val_loss levels off near 0.04.
  const x = tf.linspace(-1, 1, 64).reshape([64, 1]);
  const y = tf.sin(x.mul(2));
  const valX = tf.linspace(-0.95, 0.95, 16).reshape([16, 1]);
  const valY = tf.sin(valX.mul(2)).add(tf.tensor2d(Array.from({ length: 16 }, (_, i) => [i % 2 === 0 ? 0.2 : -0.2])));

  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 16, inputShape: [1], activation: "tanh", kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }),
      tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-3), loss: "meanSquaredError" });

  // Keras: CosineDecay(initial_learning_rate=0.002, decay_steps=56, alpha=0.1, warmup_target=0.05, warmup_steps=8)
  const schedule = new CosineDecay(tfjsOptimizer(model.optimizer), {
    initialLearningRate: 0.002,
    decaySteps: UPDATES - 8,
    alpha: 0.1,
    warmupTarget: 0.05,
    warmupSteps: 8,
  });
  const hook = scheduleOptimizer(model.optimizer, schedule); // steps after every update, inside applyGradients
  const plateau = { monitor: "val_loss", factor: 0.5, patience: 2, min_delta: 1e-3 };

  const history = await model.fit(x, y, {
    epochs: EPOCHS,
    batchSize: BATCH,
    shuffle: false,
    verbose: 0,
    validationData: [valX, valY],
    callbacks: [reduceLROnPlateau(plateau)],
  });
  hook.detach();
  tf.dispose([x, y, valX, valY]);

  const epochLr = history.history.lr as number[];
  const valLoss = history.history.val_loss as number[];
  const loss = history.history.loss as number[];
  // The cut in force in each epoch: the lr of its last update over CosineDecay's own value there.
  const cuts = epochLr.map((lr, e) => lr / schedule.scheduleAt(0, 4 * e + 3));
  return { epochLr, valLoss, loss, cuts, updates: hook.updates, scheduleAt: (k: number) => schedule.scheduleAt(0, k), plateau };
}

// Run as a script (the tests import run() instead).
if (typeof process !== "undefined" && !process.env.VITEST) {
  const { epochLr, valLoss, loss, cuts, updates, scheduleAt, plateau } = await run();

  assert.equal(updates, UPDATES);
  // The warmup: 0.002 at the first update, 0.05 at update 8, then the cosine down towards 0.005.
  assert.equal(scheduleAt(0), 0.002);
  assert.ok(Math.abs(scheduleAt(8) - 0.05) < 1e-15);
  assert.ok(scheduleAt(UPDATES - 1) < 0.006);
  // The plateau cut is Keras' rule on val_loss, epoch by epoch: replay it on a plain optimizer.
  const replay = { paramGroups: [{ lr: 1 }] };
  const keras = new KerasReduceLROnPlateau(replay, plateau);
  const expectedCuts = valLoss.map((v) => {
    const cut = replay.paramGroups[0]!.lr;
    keras.step(v);
    return cut;
  });
  cuts.forEach((cut, e) => assert.ok(Math.abs(cut - expectedCuts[e]!) < 1e-12, `epoch ${e}: cut ${cut}, Keras' rule gives ${expectedCuts[e]}`));
  assert.ok(expectedCuts.at(-1)! < 1, "the plateau cut the lr at least once");
  assert.ok(loss.at(-1)! < loss[0]! / 4, "the training loss fell");

  console.log("epoch  lr (last update)  cut    val_loss");
  epochLr.forEach((lr, e) => console.log(`${String(e).padStart(5)}  ${lr.toFixed(6).padStart(15)}  ${cuts[e]!.toFixed(3)}  ${valLoss[e]!.toFixed(5)}`));
  console.log(`training loss ${loss[0]!.toFixed(4)} -> ${loss.at(-1)!.toFixed(4)}`);
}
