/**
 * #18: scheduler state saved with the model through TF.js' own model artifacts: the user-defined
 * metadata that model.save() writes with any tf.io handler and tf.loadLayersModel() reads back.
 * (file:// needs tfjs-node, which is not installed here; an in-memory handler goes through the same
 * artifacts, and plateau.test.ts writes them to a file and resumes in a new process.)
 */
import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { CosineDecay, InvalidOptionError, InvalidStateDictError, OneCycleLR, StepLR, createScheduler, withPlateau } from "lr-schedulers";
import { SCHEDULER_METADATA_KEY, lrSchedulerCallback, reduceLROnPlateau, restoreSchedulerState, saveSchedulerState, scheduleOptimizer, tfjsOptimizer } from "lr-schedulers/tfjs";
import { refusal } from "./refusal.js";
import { BATCH, data, linearModel, recordUpdates } from "./support.js";

const { xs, ys, valXs, valYs } = data();
const fitArgs = { batchSize: BATCH, shuffle: false, verbose: 0, validationData: [valXs, valYs] as [tf.Tensor, tf.Tensor] };

/** model.save() into memory and tf.loadLayersModel() back: the artifacts any tf.io handler would store. */
async function saveAndLoad(model: tf.LayersModel): Promise<{ loaded: tf.LayersModel; artifacts: tf.io.ModelArtifacts }> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }),
    { includeOptimizer: true },
  );
  // Through JSON, as a file or IndexedDB keeps it.
  const stored = JSON.parse(JSON.stringify({ ...artifacts!, weightData: undefined })) as tf.io.ModelArtifacts;
  const loaded = await tf.loadLayersModel(tf.io.fromMemory({ ...stored, weightData: artifacts!.weightData }));
  return { loaded, artifacts: artifacts! };
}

describe("saveSchedulerState / restoreSchedulerState", () => {
  it("a OneCycle run saved with the model resumes on the loaded model's optimizer with the same lrs and weights", async () => {
    const params = { maxLr: 0.3, totalSteps: 32, cycleMomentum: false };
    const straightModel = linearModel(tf.train.sgd(0.01));
    const straight = recordUpdates(straightModel.optimizer);
    scheduleOptimizer(straightModel.optimizer, new OneCycleLR(tfjsOptimizer(straightModel.optimizer), params));
    await straightModel.fit(xs, ys, { epochs: 8, ...fitArgs });

    const model = linearModel(tf.train.sgd(0.01));
    model.setUserDefinedMetadata({ author: "me" });
    const first = recordUpdates(model.optimizer);
    const scheduler = new OneCycleLR(tfjsOptimizer(model.optimizer), params);
    scheduleOptimizer(model.optimizer, scheduler);
    await model.fit(xs, ys, { epochs: 4, ...fitArgs });
    saveSchedulerState(model, scheduler);
    const { loaded, artifacts } = await saveAndLoad(model);
    expect(Object.keys(artifacts.userDefinedMetadata!).sort()).toEqual(["author", SCHEDULER_METADATA_KEY]);
    expect(loaded.getUserDefinedMetadata()).toMatchObject({ author: "me" });

    // The loaded model has a new optimizer (from its training config, lr as saved): build the scheduler on it.
    expect(loaded.optimizer).not.toBe(model.optimizer);
    const resumed = new OneCycleLR(tfjsOptimizer(loaded.optimizer), params);
    scheduleOptimizer(loaded.optimizer, resumed);
    restoreSchedulerState(loaded, resumed);
    expect(resumed.lastEpoch).toBe(16);
    const second = recordUpdates(loaded.optimizer);
    await loaded.fit(xs, ys, { epochs: 4, ...fitArgs });
    expect([...first.lrs, ...second.lrs]).toEqual(straight.lrs);
    loaded.getWeights().forEach((w, i) => expect(Array.from(w.dataSync())).toEqual(Array.from(straightModel.getWeights()[i]!.dataSync())));
  });

  it("a reduceLROnPlateau callback on a per-update CosineDecay: both saved, both restored, the same run", async () => {
    const cosine = { initialLearningRate: 0.02, decaySteps: 28, warmupTarget: 0.3, warmupSteps: 4, alpha: 0.2 };
    const plateau = { factor: 0.5, patience: 1, minDelta: 0.05 };
    const straightModel = linearModel(tf.train.sgd(0.02));
    const straight = recordUpdates(straightModel.optimizer);
    scheduleOptimizer(straightModel.optimizer, new CosineDecay(tfjsOptimizer(straightModel.optimizer), cosine));
    const straightHistory = await straightModel.fit(xs, ys, { epochs: 8, ...fitArgs, callbacks: [reduceLROnPlateau(plateau)] });

    const model = linearModel(tf.train.sgd(0.02));
    const first = recordUpdates(model.optimizer);
    const schedule = new CosineDecay(tfjsOptimizer(model.optimizer), cosine);
    scheduleOptimizer(model.optimizer, schedule);
    const callback = reduceLROnPlateau(plateau);
    const firstHistory = await model.fit(xs, ys, { epochs: 4, ...fitArgs, callbacks: [callback] });
    saveSchedulerState(model, schedule, callback);
    const { loaded } = await saveAndLoad(model);

    const resumedSchedule = new CosineDecay(tfjsOptimizer(loaded.optimizer), cosine);
    scheduleOptimizer(loaded.optimizer, resumedSchedule);
    const resumedCallback = reduceLROnPlateau(plateau);
    restoreSchedulerState(loaded, resumedSchedule, resumedCallback);
    expect(resumedCallback.scheduler!.plateauState).toEqual(callback.scheduler!.plateauState);
    const second = recordUpdates(loaded.optimizer);
    const secondHistory = await loaded.fit(xs, ys, { epochs: 4, ...fitArgs, callbacks: [resumedCallback] });
    expect([...first.lrs, ...second.lrs]).toEqual(straight.lrs);
    expect([...(firstHistory.history.lr as number[]), ...(secondHistory.history.lr as number[])]).toEqual(straightHistory.history.lr);
    expect(new Set(straight.lrs.map((lr, k) => Math.round((lr / schedule.scheduleAt(0, k)) * 1e9))).size).toBeGreaterThan(2);
  });

  it("restores the metric-driven ones first whatever the order given, so the optimizer holds the resumed step's lr", async () => {
    const config = { type: "CosineDecay", params: { initial_learning_rate: 0.1, decay_steps: 40 } } as const;
    const model = linearModel(tf.train.sgd(0.1));
    const schedule = createScheduler(tfjsOptimizer(model.optimizer), config);
    const plateau = withPlateau(schedule, { factor: 0.5, patience: 0 });
    scheduleOptimizer(model.optimizer, schedule);
    await model.fit(xs, ys, { epochs: 4, ...fitArgs, callbacks: [lrSchedulerCallback(plateau, { interval: "epoch" })] });
    await model.trainOnBatch(xs, ys); // the schedule steps on after the plateau's last cut
    const lr = (model.optimizer as unknown as { learningRate: number }).learningRate;
    expect(lr).not.toBe(plateau.getLastLr()[0]);
    expect(lr).toBeLessThan(schedule.scheduleAt(0, 17)); // a cut is in it
    saveSchedulerState(model, schedule, plateau);
    const { loaded } = await saveAndLoad(model);
    const s2 = createScheduler(tfjsOptimizer(loaded.optimizer), config);
    const p2 = withPlateau(s2, { factor: 0.5, patience: 0 });
    restoreSchedulerState(loaded, s2, p2); // the schedule first here: the plateau is still restored before it
    expect((loaded.optimizer as unknown as { learningRate: number }).learningRate).toBe(lr);
  });

  it("takes the step a batch callback owes before saving, so a save at any epoch end resumes exactly", async () => {
    const model = linearModel(tf.train.sgd(0.1));
    const scheduler = new StepLR(tfjsOptimizer(model.optimizer), { stepSize: 1, gamma: 0.9 });
    let saved: unknown;
    // This callback runs before the scheduler's own epoch end: the step for the epoch's last update is still owed.
    const checkpoint = { onEpochEnd: () => void (saveSchedulerState(model, scheduler), (saved = model.getUserDefinedMetadata())) };
    await model.fit(xs, ys, { epochs: 1, ...fitArgs, callbacks: [checkpoint, lrSchedulerCallback(scheduler, { interval: "batch" })] });
    expect((saved as { lrSchedulers: { schedulers: { lastEpoch: number }[] } }).lrSchedulers.schedulers[0]!.lastEpoch).toBe(4);
    expect(scheduler.lastEpoch).toBe(4);
  });

  it("refuses a model without saved state, another count or another scheduler's state, changing nothing", async () => {
    const model = linearModel(tf.train.sgd(0.1));
    const a = new StepLR(tfjsOptimizer(model.optimizer), { stepSize: 2 });
    const b = createScheduler({ paramGroups: [{ lr: 1 }] }, { type: "ExponentialLR", params: { gamma: 0.5 } });
    expect(refusal(() => restoreSchedulerState(model, a))).toBeInstanceOf(InvalidStateDictError);
    a.step();
    b.step();
    saveSchedulerState(model, a, b);
    expect(refusal<InvalidStateDictError>(() => restoreSchedulerState(model, a)).message).toMatch(/a list of 1 state dicts.*StepLR, ExponentialLR/);
    const fresh = new StepLR(tfjsOptimizer(tf.train.sgd(0.1)), { stepSize: 2 });
    const wrong = createScheduler({ paramGroups: [{ lr: 1 }] }, { type: "StepLR", params: { step_size: 2 } });
    expect(refusal(() => restoreSchedulerState(model, fresh, wrong))).toBeInstanceOf(InvalidStateDictError);
    expect(fresh.lastEpoch).toBe(0); // rolled back
    expect(refusal(() => saveSchedulerState(model))).toBeInstanceOf(InvalidOptionError);
    expect(refusal(() => saveSchedulerState({} as never, a))).toBeInstanceOf(InvalidOptionError);
    expect(refusal(() => saveSchedulerState(model, reduceLROnPlateau()))).toBeInstanceOf(InvalidOptionError); // has not seen a model
  });
});
