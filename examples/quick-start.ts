/**
 * Quick start: a scheduler writes the scheduled lr into your optimizer's param groups at every
 * `step()`. Build it from its class or from the reference's own names with createScheduler.
 * Run: npm run example -- examples/quick-start.ts
 */
import { strict as assert } from "node:assert";
import { CosineAnnealingLR, createScheduler, StepLR, type Optimizer } from "lr-schedulers";

// Any object with paramGroups is an optimizer; a real one (or the tfjs adapter) reads `lr` from here.
const optimizer: Optimizer = { paramGroups: [{ lr: 0.1, momentum: 0.9 }] };
const scheduler = new StepLR(optimizer, { stepSize: 30, gamma: 0.1 });

for (let epoch = 0; epoch < 100; epoch++) {
  // train one epoch with optimizer.paramGroups[0].lr, then:
  scheduler.step();
  if (epoch % 30 === 29) console.log(`after epoch ${epoch + 1}: lr = ${optimizer.paramGroups[0]!.lr}`);
}
assert.equal(scheduler.lastEpoch, 100);
assert.ok(Math.abs(optimizer.paramGroups[0]!.lr - 1e-4) < 1e-15);

// The same kind of schedule from a config with PyTorch's keyword names (snake_case), two groups.
const twoGroups: Optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.01 }] };
const cosine = createScheduler(twoGroups, { type: "CosineAnnealingLR", params: { T_max: 50, eta_min: 0 } });
for (let step = 0; step < 25; step++) cosine.step();
console.log(`${cosine.type} halfway: lrs = ${cosine.getLastLr().join(", ")}`);
assert.ok(cosine instanceof CosineAnnealingLR);
assert.ok(Math.abs(twoGroups.paramGroups[0]!.lr - 0.05) < 1e-12 && Math.abs(twoGroups.paramGroups[1]!.lr - 0.005) < 1e-12);
