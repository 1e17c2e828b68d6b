/**
 * How long `simulate` takes to preview long schedules (the CLI's `plot` and `table` and the docs
 * plots run on it), on the built package (dist/). Run with `npm run bench`, which builds first.
 */
import { Bench } from "tinybench";
import { simulate } from "../dist/index.js";

const bench = new Bench({ time: 2000 });
const stepLR = { type: "StepLR", params: { step_size: 1000, gamma: 0.99 } };

bench
  .add("simulate StepLR, 1 group, 1,000,000 steps", () => {
    simulate(stepLR, { steps: 1_000_000, lr: 0.1 });
  })
  .add("simulate StepLR, 4 groups, 1,000,000 steps", () => {
    simulate(stepLR, { steps: 1_000_000, lr: [0.1, 0.05, 0.02, 0.01] });
  })
  .add("simulate StepLR, 1 group, 1,000 steps", () => {
    simulate(stepLR, { steps: 1_000, lr: 0.1 });
  });

await bench.run();
console.table(bench.table());
