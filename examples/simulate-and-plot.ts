/**
 * Preview a schedule before training: simulate() runs it on a synthetic optimizer and returns every
 * group's lr (and momentum where the schedule sets it) at every step, as Float64Arrays; asciichart
 * (a dependency of the package's CLI) draws it in the terminal. The CLI does the same from a shell:
 *   npx lr-schedulers plot --type OneCycleLR --param max_lr=0.01 --param total_steps=1000 --steps 1000 --momentum 0.9 --svg onecycle.svg
 * Run: npm run example -- examples/simulate-and-plot.ts
 */
import { strict as assert } from "node:assert";
import * as asciichart from "asciichart";
import { simulate } from "lr-schedulers";

const steps = 1000;
const sim = simulate({ type: "OneCycleLR", params: { max_lr: 0.01, total_steps: steps } }, { steps, groups: [{ lr: 0.001, momentum: 0.9 }] });
const { lr, momentum } = sim.groups[0]!;

const peak = lr.indexOf(Math.max(...lr));
console.log(`${sim.type}: starts at ${lr[0]}, peaks at step ${peak} (${lr[peak]}), ends at ${lr[steps]}`);
assert.equal(peak, 299); // PyTorch peaks at pct_start * total_steps - 1 (pct_start defaults to 0.3)
assert.ok(momentum !== undefined && momentum[peak]! < momentum[0]!); // momentum dips while the lr rises

// One value per terminal column, evenly spaced.
const columns = 72;
const sample = (series: Float64Array) => Array.from({ length: columns }, (_, k) => series[Math.round((k * steps) / (columns - 1))]!);
console.log(asciichart.plot(sample(lr), { height: 10, format: (x: number) => x.toExponential(1).padStart(9) }));

// A million steps are cheap to preview.
const started = performance.now();
const long = simulate({ type: "StepLR", params: { step_size: 100_000, gamma: 0.5 } }, { steps: 1_000_000, lr: 0.1 });
console.log(`1,000,000 steps simulated in ${Math.round(performance.now() - started)} ms; last lr ${long.groups[0]!.lr[1_000_000]}`);
assert.equal(long.groups[0]!.lr[1_000_000], 0.1 * 0.5 ** 10);
