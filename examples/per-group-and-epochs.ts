/**
 * Layer-wise learning rates and epoch units: a backbone and a head on their own schedules, each
 * group scaled by its `lrScale`, and a schedule written in epochs stepped once per batch.
 *
 * Run: npm run example -- examples/per-group-and-epochs.ts
 */
import { strict as assert } from "node:assert";
import { CosineAnnealingLR, inEpochs, PerGroupScheduler, StepLR, StepError, type Optimizer } from "lr-schedulers";

// 1. Per-group schedules: the backbone follows a cosine, the head a step decay; lrScale multiplies each group.
const optimizer: Optimizer = { paramGroups: [{ lr: 1e-3, lrScale: 0.1 }, { lr: 1e-3 }] };
const perGroup = new PerGroupScheduler(optimizer, {
  schedules: [new CosineAnnealingLR(optimizer, { tMax: 10 }), new StepLR(optimizer, { stepSize: 5, gamma: 0.5 })],
});
for (let epoch = 0; epoch < 5; epoch++) perGroup.step();
const [backbone, head] = optimizer.paramGroups.map((g) => g.lr);
console.log(`after 5 epochs: backbone ${backbone!.toExponential(3)}, head ${head!.toExponential(3)}`);
assert.ok(Math.abs(backbone! - 0.1 * 1e-3 * 0.5) < 1e-18); // lrScale 0.1 x half-way down the cosine
assert.equal(head, 5e-4);

// 2. Epoch units: CosineAnnealingLR written over 2 epochs, stepped after each of 4 batches per epoch.
const batches: Optimizer = { paramGroups: [{ lr: 0.1 }] };
const perBatch = inEpochs(new CosineAnnealingLR(batches, { tMax: 2 }), { stepsPerEpoch: 4, endEpoch: 2, pastEnd: "error" });
const lrs: string[] = [];
for (let batch = 0; batch < 8; batch++) {
  perBatch.step();
  lrs.push(batches.paramGroups[0]!.lr.toFixed(4));
}
console.log(`per batch: ${lrs.join(" ")}`);
assert.equal(lrs.at(-1), "0.0000");

// Past the end of the schedule, "error" refuses to step instead of running on.
assert.throws(() => perBatch.step(), StepError);
console.log("step 9 refused: past end_epoch 2");
