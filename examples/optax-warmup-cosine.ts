/**
 * optax's warmup_cosine_decay_schedule, step for step: the lr every param group gets at each
 * update count, the same schedule written as optax's own join of a linear warmup and a cosine
 * decay, and a resume from a JSON checkpoint halfway.
 * Run: npm run example -- examples/optax-warmup-cosine.ts
 */
import { strict as assert } from "node:assert";
import { createScheduler, warmupCosineDecaySchedule, type Optimizer } from "lr-schedulers";

const settings = { initValue: 0, peakValue: 1e-3, warmupSteps: 100, decaySteps: 1000, endValue: 1e-5 };
const optimizer: Optimizer = { paramGroups: [{ lr: 1e-3 }, { lr: 1e-3 }] };
const scheduler = warmupCosineDecaySchedule(optimizer, settings);

const lrs = [optimizer.paramGroups[0]!.lr]; // count 0, written at construction
for (let update = 1; update <= 1200; update++) {
  // ...one optimizer update with the current lr, then:
  scheduler.step();
  lrs.push(optimizer.paramGroups[0]!.lr);
  assert.equal(optimizer.paramGroups[1]!.lr, optimizer.paramGroups[0]!.lr); // every group gets the value
}
for (const count of [0, 50, 100, 550, 1000, 1200]) console.log(`count ${count}: lr = ${lrs[count]}`);
assert.equal(lrs[0], 0);
assert.ok(Math.abs(lrs[50]! - 5e-4) < 1e-18);
assert.equal(lrs[100], 1e-3); // the peak, at the end of the warmup
assert.ok(Math.abs(lrs[1000]! - 1e-5) < 1e-18); // decay_steps includes the warmup
assert.equal(lrs[1200], lrs[1000]); // then held at end_value

// optax builds it as join_schedules([linear_schedule(...), cosine_decay_schedule(...)], [warmup_steps]):
const joined = createScheduler({ paramGroups: [{ lr: 1e-3 }] }, {
  type: "join_schedules",
  params: {
    schedules: [
      { type: "linear_schedule", params: { init_value: 0, end_value: 1e-3, transition_steps: 100 } },
      { type: "cosine_decay_schedule", params: { init_value: 1e-3, decay_steps: 900, alpha: 1e-5 / 1e-3 } },
    ],
    boundaries: [100],
  },
});
for (let count = 0; count <= 1200; count += 50) assert.equal(joined.scheduleAt(0, count), lrs[count]);
console.log("join_schedules([linear_schedule, cosine_decay_schedule], [100]) gives the same numbers");

// Resume halfway from a JSON checkpoint into a fresh optimizer and scheduler.
const halfway = warmupCosineDecaySchedule({ paramGroups: [{ lr: 1e-3 }, { lr: 1e-3 }] }, settings);
for (let update = 1; update <= 600; update++) halfway.step();
const checkpoint = JSON.stringify(halfway.stateDict());
const resumedOptimizer: Optimizer = { paramGroups: [{ lr: 1e-3 }, { lr: 1e-3 }] };
const resumed = warmupCosineDecaySchedule(resumedOptimizer, settings);
resumed.loadStateDict(JSON.parse(checkpoint));
assert.equal(resumedOptimizer.paramGroups[0]!.lr, lrs[600]);
for (let update = 601; update <= 700; update++) {
  resumed.step();
  assert.equal(resumedOptimizer.paramGroups[0]!.lr, lrs[update]);
}
console.log(`resumed at count 600 from ${checkpoint.length} bytes of JSON; count 700: lr = ${resumedOptimizer.paramGroups[0]!.lr}`);
