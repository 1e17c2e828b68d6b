import * as tf from "@tensorflow/tfjs";
import { CosineDecay } from "lr-schedulers";
import { lrSchedulerCallback, tfjsOptimizer } from "lr-schedulers/tfjs";

const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
const optimizer = tf.train.adam();
model.compile({ optimizer, loss: "meanSquaredError" });
const xs = tf.randomNormal([64, 1]);
const ys = xs.mul(3);

await model.fit(xs, ys, {
  epochs: 5,
  batchSize: 16,
  callbacks: [lrSchedulerCallback(new CosineDecay(tfjsOptimizer(optimizer), { initialLearningRate: 0.01, decaySteps: 20 }), { interval: "batch" })],
});
