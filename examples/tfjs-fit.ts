/**
 * Training a TensorFlow.js model with a PyTorch-style OneCycle schedule.
 * Run: npm run example -- examples/tfjs-fit.ts
 */
import * as tf from "@tensorflow/tfjs";
import { createScheduler } from "lr-schedulers";
import { lrSchedulerCallback, tfjsOptimizer } from "lr-schedulers/tfjs";

export async function run({ epochs = 6, batchSize = 8 } = {}) {
  // y = 3x - 1 with a little noise-free curvature, 32 samples: 4 updates per epoch.
  const x = tf.linspace(-1, 1, 32).reshape([32, 1]);
  const y = x.mul(3).sub(1).add(x.square().mul(0.2));

  const optimizer = tf.train.adam(1e-3);
  const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1], kernelInitializer: "zeros", biasInitializer: "zeros" })] });
  model.compile({ optimizer, loss: "meanSquaredError" });

  // The scheduler writes lr and beta1 straight into the Adam optimizer that model.fit uses.
  const scheduler = createScheduler(tfjsOptimizer(optimizer), {
    type: "OneCycleLR",
    params: { max_lr: 0.5, total_steps: epochs * Math.ceil(32 / batchSize) },
  });
  const lrs: number[] = [];
  const history = await model.fit(x, y, {
    epochs,
    batchSize,
    shuffle: false,
    verbose: 0,
    callbacks: [
      // Steps after every update (the step is taken at the next batch's begin: nothing is read from the backend).
      lrSchedulerCallback(scheduler, { interval: "batch" }),
      // After it, a callback's onBatchBegin sees the lr the coming update uses.
      { onBatchBegin: () => void lrs.push(scheduler.optimizer.paramGroups[0]!.lr) },
    ],
  });
  tf.dispose([x, y]);
  return { lrs, loss: history.history.loss as number[], epochLr: history.history.lr as number[], state: scheduler.stateDict() };
}

// Run as a script (the tests import run() instead).
if (typeof process !== "undefined" && !process.env.VITEST) {
  const { lrs, loss } = await run();
  console.log("lr per update:", lrs.map((v) => v.toFixed(5)).join(" "));
  console.log("loss per epoch:", loss.map((v) => v.toFixed(4)).join(" "));
}
