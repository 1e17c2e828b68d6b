/**
 * One training setup shared by the plateau tests and the worker that resumes it in a fresh process:
 * optax's warmup-cosine schedule stepped with every update (scheduleOptimizer) and PyTorch's plateau
 * rule on top of it (withPlateau), fed val_loss at each epoch end (lrSchedulerCallback). The model is
 * saved with TF.js' own model.save() through a handler that writes one JSON file, so any process can
 * load it with tf.loadLayersModel().
 */
import * as tf from "@tensorflow/tfjs";
import { readFileSync, writeFileSync } from "node:fs";
import { createScheduler, withPlateau } from "lr-schedulers";
import { lrSchedulerCallback, restoreSchedulerState, saveSchedulerState, scheduleOptimizer, tfjsOptimizer } from "lr-schedulers/tfjs";
import { BATCH, data, linearModel, recordUpdates } from "./support.js";

export const WARMUP_COSINE = { type: "warmup_cosine_decay_schedule", params: { init_value: 0.02, peak_value: 0.3, warmup_steps: 4, decay_steps: 24, end_value: 0.05 } } as const;
export const PLATEAU = { factor: 0.5, patience: 0, threshold: 0.05 } as const;

/** The schedule, its plateau and the callback that feeds the plateau, on a model's own optimizer. */
export function setup(model: tf.LayersModel) {
  const optimizer = model.optimizer;
  const schedule = createScheduler(tfjsOptimizer(optimizer), WARMUP_COSINE);
  const plateau = withPlateau(schedule, PLATEAU);
  const hook = scheduleOptimizer(optimizer, schedule);
  return { schedule, plateau, hook, callbacks: [lrSchedulerCallback(plateau, { interval: "epoch" })] };
}

export interface RunResult {
  lrs: number[];
  lrsFromWeights: number[];
  epochLr: number[];
  valLoss: number[];
  weights: number[][];
}

/** Fits `epochs` epochs, recording the lr every update used and reading it back from the weights. */
export async function train(model: tf.LayersModel, callbacks: object[], epochs: number): Promise<RunResult> {
  const { xs, ys, valXs, valYs } = data();
  const rec = recordUpdates(model.optimizer, model);
  const history = await model.fit(xs, ys, { epochs, batchSize: BATCH, shuffle: false, verbose: 0, validationData: [valXs, valYs], callbacks: callbacks as never });
  rec.restore();
  tf.dispose([xs, ys, valXs, valYs]);
  return {
    lrs: rec.lrs,
    lrsFromWeights: rec.updates.map((_, k) => rec.lrFromWeights(k)),
    epochLr: history.history.lr as number[],
    valLoss: history.history.val_loss as number[],
    weights: model.getWeights().map((w) => Array.from(w.dataSync())),
  };
}

export function freshModel(): tf.LayersModel {
  return linearModel(tf.train.sgd(0.02));
}

/** model.save() into one JSON file (topology, weights in base64, training config with the optimizer, metadata). */
export async function saveModel(model: tf.LayersModel, path: string): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = tf.io.CompositeArrayBuffer.join(artifacts.weightData);
      writeFileSync(path, JSON.stringify({ ...artifacts, weightData: Buffer.from(weights).toString("base64") }));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
    { includeOptimizer: true },
  );
}

export async function loadModel(path: string): Promise<tf.LayersModel> {
  const saved = JSON.parse(readFileSync(path, "utf8")) as tf.io.ModelArtifacts & { weightData: string };
  const bytes = Buffer.from(saved.weightData, "base64");
  const weightData = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  return tf.loadLayersModel(tf.io.fromMemory({ ...saved, weightData }));
}

/** The first part of a run: `epochs` epochs, then the model saved with the schedulers' state in its metadata. */
export async function trainAndSave(path: string, epochs: number): Promise<RunResult> {
  const model = freshModel();
  const { schedule, plateau, callbacks } = setup(model);
  const result = await train(model, callbacks, epochs);
  saveSchedulerState(model, schedule, plateau);
  await saveModel(model, path);
  return result;
}

/** The second part, as a new process runs it: load, build the same schedulers, restore them, train on. */
export async function loadAndResume(path: string, epochs: number): Promise<RunResult & { lrAfterRestore: number }> {
  const model = await loadModel(path);
  const { schedule, plateau, callbacks } = setup(model);
  restoreSchedulerState(model, schedule, plateau);
  const lrAfterRestore = (model.optimizer as unknown as { learningRate: number }).learningRate;
  return { ...(await train(model, callbacks, epochs)), lrAfterRestore };
}
