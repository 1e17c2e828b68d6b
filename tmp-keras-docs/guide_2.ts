import * as tf from "@tensorflow/tfjs";
import { KerasReduceLROnPlateau } from "lr-schedulers";
import { lrSchedulerCallback, tfjsOptimizer } from "lr-schedulers/tfjs";

const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
const optimizer = tf.train.sgd(0.1);
model.compile({ optimizer, loss: "meanSquaredError" });
const xs = tf.randomNormal([64, 1]);
const ys = xs.mul(3);

const reduceLr = new KerasReduceLROnPlateau(tfjsOptimizer(optimizer), { monitor: "val_loss", factor: 0.2, patience: 2 });
await model.fit(xs, ys, {
  epochs: 10,
  validationSplit: 0.25,
  callbacks: [lrSchedulerCallback(reduceLr, { interval: "epoch", monitor: "val_loss" })],
});
