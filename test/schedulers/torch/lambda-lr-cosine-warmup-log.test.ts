/**
 * A training note's LambdaLR (linear warmup, then cosine; base lr 3e-4, 100 warmup steps, 10000 steps)
 * and the lrs its training log printed. Each "step N" line was printed after N optimizer steps, each
 * followed by scheduler.step(), i.e. with the lr for lr_lambda(N): "step 10" shows 3e-4 * 11 / 100 =
 * 0.000033, and "step 100" (the first step past warmup, progress 0) shows the peak 0.000300.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { LambdaLR } from "../../../src/index.js";
import { sgd } from "../../support/optimizer.js";

const LOG = join(import.meta.dirname, "..", "..", "fixtures", "seed-cosine-warmup-log.txt");

/** `step N / total ', 'lr: 0.000xxx '` -> [N, printed lr]. */
function printedLrs(): [number, string][] {
  const lines = readFileSync(LOG, "utf8").split("\n");
  return lines.flatMap((line) => {
    const match = /step (\d+) \/ \d+ ', 'lr: (\d+\.\d{6}) /.exec(line);
    return match ? [[Number(match[1]), match[2]!] as [number, string]] : [];
  });
}

function cosineWithWarmup(numSteps: number, warmupSteps: number) {
  return (step: number) => {
    if (step < warmupSteps) return (step + 1) / Math.max(1, warmupSteps);
    const progress = (step - warmupSteps) / Math.max(1, numSteps - warmupSteps);
    return 0.5 * (1 + Math.cos(Math.PI * progress));
  };
}

it("reproduces every lr of the training log to 6 decimals", () => {
  const expected = printedLrs();
  expect(expected).toHaveLength(58);
  const optimizer = sgd(3e-4);
  const scheduler = new LambdaLR(optimizer, { lrLambda: cosineWithWarmup(10000, 100) });
  let done = 0;
  for (const [step, lr] of expected) {
    for (; done < step; done++) scheduler.step();
    expect([step, optimizer.paramGroups[0]!.lr.toFixed(6)]).toEqual([step, lr]);
  }
});
