/**
 * A fresh process for the resume test: loads the model saved by the test (LR_SCHEDULERS_MODEL),
 * restores the schedulers from its metadata, trains LR_SCHEDULERS_EPOCHS more epochs and writes
 * what it saw to LR_SCHEDULERS_RESULT.
 * Run by plateau.test.ts: node node_modules/vite-node/vite-node.mjs --config test/adapters/tfjs/worker.config.ts test/adapters/tfjs/resume-worker.ts
 */
import { writeFileSync } from "node:fs";
import { loadAndResume } from "./plateau-run.js";

const { LR_SCHEDULERS_MODEL: model, LR_SCHEDULERS_RESULT: result, LR_SCHEDULERS_EPOCHS: epochs } = process.env;
if (!model || !result || !epochs) throw new Error("LR_SCHEDULERS_MODEL, LR_SCHEDULERS_RESULT and LR_SCHEDULERS_EPOCHS must be set");
writeFileSync(result, JSON.stringify({ pid: process.pid, ...(await loadAndResume(model, Number(epochs))) }));
