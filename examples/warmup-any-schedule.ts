/**
 * A warmup in front of any schedule, saved and resumed mid-run from JSON, with a strict check that
 * the checkpoint was written by the same configuration.
 *
 * Run: npm run example -- examples/warmup-any-schedule.ts
 */
import { MultiStepLR, StateDictMismatchError, withWarmup, type Optimizer } from "lr-schedulers";

function build(optimizer: Optimizer, milestones: number[]) {
  // 5 warmup steps from 10% of the base lr, then MultiStepLR on its own clock.
  return withWarmup(new MultiStepLR(optimizer, { milestones, gamma: 0.1 }), { steps: 5, startFactor: 0.1 });
}

const optimizer: Optimizer = { paramGroups: [{ lr: 0.1 }] };
const scheduler = build(optimizer, [10, 20]);
const lrs: string[] = [];
for (let step = 0; step < 12; step++) {
  lrs.push(optimizer.paramGroups[0]!.lr.toPrecision(3));
  scheduler.step();
}
console.log(`lr by step: ${lrs.join(" ")}`);

// Save, then resume into a fresh optimizer and scheduler.
const checkpoint = JSON.stringify(scheduler.stateDict());
const resumedOptimizer: Optimizer = { paramGroups: [{ lr: 0.1 }] };
const resumed = build(resumedOptimizer, [10, 20]);
resumed.loadStateDict(JSON.parse(checkpoint), { config: "strict" });
console.log(`resumed at step ${resumed.lastEpoch}: lr ${resumedOptimizer.paramGroups[0]!.lr.toPrecision(3)}`);

// A checkpoint from another configuration is refused, naming the difference.
try {
  build({ paramGroups: [{ lr: 0.1 }] }, [30, 60]).loadStateDict(JSON.parse(checkpoint), { config: "strict" });
} catch (error) {
  if (!(error instanceof StateDictMismatchError)) throw error;
  console.log(`refused: ${error.field} differs`);
}
