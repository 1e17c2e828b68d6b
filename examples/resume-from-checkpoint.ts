/**
 * Save a scheduler's state as JSON mid-run, build a new optimizer and scheduler as a restarted
 * process would, load the state, and continue: the resumed run gives exactly the lrs of the
 * uninterrupted one.
 * Run: npm run example -- examples/resume-from-checkpoint.ts
 */
import { strict as assert } from "node:assert";
import { createScheduler, InvalidStateDictError, type Optimizer } from "lr-schedulers";

const config = { type: "get_cosine_schedule_with_warmup", params: { num_warmup_steps: 100, num_training_steps: 1000 } };
const newOptimizer = (): Optimizer => ({ paramGroups: [{ lr: 3e-4, betas: [0.9, 0.95] }, { lr: 3e-5, betas: [0.9, 0.95] }] });

// The uninterrupted run, for comparison.
const reference: number[][] = [];
{
  const optimizer = newOptimizer();
  const scheduler = createScheduler(optimizer, config);
  for (let step = 1; step <= 1000; step++) {
    scheduler.step();
    reference.push(scheduler.getLastLr());
  }
}

// First process: train 400 steps, then write a checkpoint.
let checkpoint: string;
{
  const optimizer = newOptimizer();
  const scheduler = createScheduler(optimizer, config);
  for (let step = 1; step <= 400; step++) scheduler.step();
  checkpoint = JSON.stringify({ step: 400, scheduler: scheduler.stateDict() });
}
console.log(`checkpoint: ${checkpoint.slice(0, 120)}...`);

// Second process: same construction, then load. The optimizer's own state needs no special order.
const optimizer = newOptimizer();
const scheduler = createScheduler(optimizer, config);
const saved = JSON.parse(checkpoint) as { step: number; scheduler: unknown };
scheduler.loadStateDict(saved.scheduler);
console.log(`resumed at step ${scheduler.lastEpoch}: lr = ${optimizer.paramGroups[0]!.lr}`);
for (let step = saved.step + 1; step <= 1000; step++) {
  scheduler.step();
  assert.deepEqual(scheduler.getLastLr(), reference[step - 1], `step ${step}`);
}
console.log(`steps ${saved.step + 1}..1000 equal the uninterrupted run`);

// A damaged checkpoint is refused with the field named, and nothing changes.
const damaged = { ...(saved.scheduler as Record<string, unknown>), lastEpoch: "four hundred" };
assert.throws(() => scheduler.loadStateDict(damaged), (error: unknown) => error instanceof InvalidStateDictError && error.field === "lastEpoch");
assert.equal(scheduler.lastEpoch, 1000);
console.log("a damaged checkpoint is refused: InvalidStateDictError on lastEpoch");
