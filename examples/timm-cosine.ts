/**
 * timm's CosineLRScheduler, stepped as timm's train.py does: `stepUpdate(numUpdates)` after every
 * optimizer update and `step(epoch + 1, metric)` at the end of each epoch. Built from
 * create_scheduler_v2's settings it schedules per update, and tells how many epochs to train.
 * Run: npm run example -- examples/timm-cosine.ts
 */
import { strict as assert } from "node:assert";
import { CosineLRScheduler, createSchedulerV2, type Optimizer } from "lr-schedulers";

// 1. Per epoch: a 5-epoch warmup from 1e-4, then a cosine to 1e-5 over the 100 epochs.
const optimizer: Optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.1, lrScale: 0.1 }] };
const scheduler = new CosineLRScheduler(optimizer, { tInitial: 100, lrMin: 1e-5, warmupT: 5, warmupLrInit: 1e-4 });
assert.deepEqual(optimizer.paramGroups.map((g) => g.lr), [1e-4, 1e-5]); // the warmup start, times lrScale
for (let epoch = 0; epoch < 100; epoch++) {
  // ... train one epoch, evaluate ...
  scheduler.step(epoch + 1, 0.5 + epoch / 200);
  if ((epoch + 1) % 25 === 0) console.log(`after epoch ${epoch + 1}: lrs = ${scheduler.getLastLr().map((v) => v.toPrecision(4)).join(", ")}`);
}
assert.equal(optimizer.paramGroups[0]!.lr, 1e-5); // lr_min from t = t_initial on
assert.equal(scheduler.metric, 0.995);

// 2. From create_scheduler_v2's settings, stepping on updates: every epoch count times updates_per_epoch.
const perUpdate: Optimizer = { paramGroups: [{ lr: 0.1 }] };
const { scheduler: cosine, numEpochs } = createSchedulerV2(perUpdate, {
  sched: "cosine",
  num_epochs: 10,
  warmup_epochs: 1,
  warmup_lr: 1e-5,
  cooldown_epochs: 2,
  step_on_epochs: false,
  updates_per_epoch: 50,
});
console.log(`create_scheduler_v2 built a ${cosine.type}; train for ${numEpochs} epochs`);
assert.equal(numEpochs, 12); // (10 * 50 + 2 * 50) // 50
let numUpdates = 0;
for (let epoch = 0; epoch < numEpochs; epoch++) {
  for (let batch = 0; batch < 50; batch++) {
    numUpdates += 1;
    cosine.stepUpdate(numUpdates);
  }
  cosine.step(epoch + 1); // records nothing but the metric: the lr moves on updates
  if (epoch === 0) assert.equal(perUpdate.paramGroups[0]!.lr, 0.1 * 0.5 * (1 + Math.cos((Math.PI * 50) / 500)));
}
console.log(`after ${numUpdates} updates: lr = ${perUpdate.paramGroups[0]!.lr}`);

// 3. Resume: our state dict keeps the time, so a fresh optimizer gets the right lr at once.
const saved = JSON.parse(JSON.stringify(scheduler.stateDict())) as unknown;
const fresh: Optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.1, lrScale: 0.1 }] };
const resumed = new CosineLRScheduler(fresh, { tInitial: 100 });
resumed.loadStateDict(saved);
assert.deepEqual(fresh.paramGroups.map((g) => g.lr), optimizer.paramGroups.map((g) => g.lr));
console.log(`resumed at time ${resumed.lastEpoch}: lrs = ${resumed.getLastLr().join(", ")}`);
