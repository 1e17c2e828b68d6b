/**
 * #18: a plateau on top of any schedule, from TF.js. A warmup-cosine runs per update and PyTorch's
 * plateau rule on val_loss (withPlateau) cuts it at epoch ends; the lr of every update is read back
 * from the weight change (Δw = −lr·grad for SGD), and a run saved with model.save() and resumed in a
 * new process gives the same lrs and weights as one that never stopped.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createScheduler, withPlateau } from "lr-schedulers";
import { lrSchedulerCallback, tfjsOptimizer } from "lr-schedulers/tfjs";
import { PLATEAU, WARMUP_COSINE, freshModel, setup, train, trainAndSave, type RunResult } from "./plateau-run.js";
import { rel } from "./support.js";

const EPOCHS = 6;
const PER_EPOCH = 4;

/** The lrs the run must have used: the same schedule and plateau on a plain optimizer, fed the run's own val_loss. */
function replay(valLoss: readonly number[]): number[] {
  const optimizer = { paramGroups: [{ lr: 0 }] };
  const schedule = createScheduler(optimizer, WARMUP_COSINE);
  const plateau = withPlateau(schedule, PLATEAU);
  const lrs: number[] = [];
  for (const metric of valLoss) {
    for (let b = 0; b < PER_EPOCH; b++) {
      lrs.push(optimizer.paramGroups[0]!.lr);
      schedule.step();
    }
    plateau.step(metric);
  }
  return lrs;
}

/** The cuts in force at each update: the lr over the schedule's own value. */
const cutsOf = (lrs: readonly number[]) => {
  const schedule = createScheduler({ paramGroups: [{ lr: 0 }] }, WARMUP_COSINE);
  return lrs.map((lr, k) => Math.round((lr / schedule.scheduleAt(0, k)) * 1e6) / 1e6);
};

function expectProvenByTheWeights(run: RunResult): void {
  run.lrs.forEach((lr, k) => expect(rel(run.lrsFromWeights[k]!, lr), `update ${k}: lr ${lr}, from the weights ${run.lrsFromWeights[k]}`).toBeLessThan(1e-4));
}

describe("a per-update warmup-cosine with a plateau on val_loss on top", () => {
  it("scheduleOptimizer + the plateau's epoch callback: the cuts multiply the schedule, proven from Δw = −lr·grad", async () => {
    const model = freshModel();
    const { callbacks, hook } = setup(model);
    const run = await train(model, callbacks, EPOCHS);
    hook.detach();
    expect(run.lrs).toHaveLength(EPOCHS * PER_EPOCH);
    expect(run.lrs).toEqual(replay(run.valLoss));
    expectProvenByTheWeights(run);
    const cuts = cutsOf(run.lrs);
    // The warmup rises, the plateau cuts at least twice, and each cut holds until the next one.
    expect(run.lrs[3]! > run.lrs[0]!).toBe(true);
    expect(new Set(cuts).size).toBeGreaterThan(2);
    expect(cuts.every((c, k) => k === 0 || c <= cuts[k - 1]!)).toBe(true);
    expect(run.epochLr).toEqual(run.lrs.filter((_, k) => k % PER_EPOCH === PER_EPOCH - 1));
  });

  it("the same with the schedule stepped by lrSchedulerCallback instead", async () => {
    const straight = await (async () => {
      const model = freshModel();
      const { callbacks, hook } = setup(model);
      const run = await train(model, callbacks, EPOCHS);
      hook.detach();
      return run;
    })();
    const model = freshModel();
    const schedule = createScheduler(tfjsOptimizer(model.optimizer), WARMUP_COSINE);
    const plateau = withPlateau(schedule, PLATEAU);
    const run = await train(model, [lrSchedulerCallback(schedule, { interval: "batch" }), lrSchedulerCallback(plateau, { interval: "epoch" })], EPOCHS);
    expect(run.lrs).toEqual(straight.lrs);
    expect(run.epochLr).toEqual(straight.epochLr);
    expect(run.weights).toEqual(straight.weights);
    expectProvenByTheWeights(run);
  });
});

describe("saved with model.save() and resumed in a fresh process", () => {
  const dir = mkdtempSync(join(tmpdir(), "lr-schedulers-tfjs-resume-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("3 epochs, save, a new node process loads and trains 3 more: the lrs and weights of 6 straight epochs", async () => {
    const model = freshModel();
    const { callbacks, hook } = setup(model);
    const straight = await train(model, callbacks, EPOCHS);
    hook.detach();

    const path = join(dir, "model.json");
    const first = await trainAndSave(path, EPOCHS / 2);
    const saved = JSON.parse(readFileSync(path, "utf8")) as { userDefinedMetadata: { lrSchedulers: { types: string[] } } };
    expect(saved.userDefinedMetadata.lrSchedulers.types).toEqual(["warmup_cosine_decay_schedule", "WithPlateau"]);

    const resultPath = join(dir, "result.json");
    await promisify(execFile)(process.execPath, ["node_modules/vite-node/vite-node.mjs", "--config", "test/adapters/tfjs/worker.config.ts", "test/adapters/tfjs/resume-worker.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, VITEST: undefined, LR_SCHEDULERS_MODEL: path, LR_SCHEDULERS_RESULT: resultPath, LR_SCHEDULERS_EPOCHS: String(EPOCHS / 2) },
      timeout: 60_000,
    });
    const second = JSON.parse(readFileSync(resultPath, "utf8")) as RunResult & { pid: number; lrAfterRestore: number };

    expect(second.pid).not.toBe(process.pid);
    expect(second.lrAfterRestore).toBe(straight.lrs[(EPOCHS / 2) * PER_EPOCH]);
    expect([...first.lrs, ...second.lrs]).toEqual(straight.lrs);
    expect([...first.epochLr, ...second.epochLr]).toEqual(straight.epochLr);
    expect([...first.valLoss, ...second.valLoss]).toEqual(straight.valLoss);
    expect(second.weights).toEqual(straight.weights);
    expectProvenByTheWeights(second);
    // The second half cuts too: the plateau's own state (best, bad epochs) came back with it.
    const cuts = cutsOf(straight.lrs);
    expect(cuts[cuts.length - 1]).toBeLessThan(cuts[(EPOCHS / 2) * PER_EPOCH]!);
  });
});
