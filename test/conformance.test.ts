/**
 * Replays every golden trace recorded from the reference implementations (test/fixtures/reference,
 * synced from the shared conformance set) and compares every group value after every step:
 * straight through, after a JSON round trip of our own state dict at split points (into a fresh
 * optimizer, restored before or never), and after loading the reference's own state_dict().
 * Traces of a family that is not implemented yet are reported as skipped, never as passed.
 */
import { describe, expect, it } from "vitest";
import { LRSchedulerError, knownSchedulerTypes, type LRScheduler, type Optimizer } from "../src/index.js";
import {
  buildScheduler,
  expectGroups,
  expectedAfter,
  freshOptimizer,
  loadReferenceCases,
  replayStep,
  type ReferenceCase,
} from "./support/reference.js";

/** Families whose every trace must run: a missing type there is a failure, not a skip. */
const IMPLEMENTED_FAMILIES = new Set(["torch", "deepspeed", "dsconfig", "megatron", "bionemo", "transformers", "sambaflow", "keras", "optax", "timm"]);

const cases = loadReferenceCases();
const known = new Set(knownSchedulerTypes());

function runSteps(c: ReferenceCase, scheduler: LRScheduler, optimizer: Optimizer, from: number, to: number): void {
  for (let k = from; k < to; k++) {
    replayStep(scheduler, c.steps[k]!);
    expectGroups(c, optimizer, c.steps[k], `after step ${k + 1}`);
  }
}

function straightRun(c: ReferenceCase): void {
  let optimizer = freshOptimizer(c);
  let scheduler = buildScheduler(c, optimizer);
  expectGroups(c, optimizer, c.initial, "after construction");
  const load = c.load;
  const loadAt = load ? load.afterStep : c.steps.length;
  runSteps(c, scheduler, optimizer, 0, loadAt);
  if (load) {
    const dict = load.stateDictSource === "own" ? JSON.parse(JSON.stringify(scheduler.stateDict())) : load.stateDict;
    if (load.target === "fresh") {
      // As the reference did: a new optimizer and scheduler, the optimizer's groups restored first.
      const restoredGroups = structuredClone(optimizer.paramGroups);
      optimizer = freshOptimizer(c);
      scheduler = buildScheduler(c, optimizer);
      optimizer.paramGroups.forEach((g, i) => Object.assign(g, restoredGroups[i]));
    }
    if (c.expectError && c.referenceError?.during === "load") {
      expect(() => scheduler.loadStateDict(dict)).toThrow(LRSchedulerError);
      return;
    }
    scheduler.loadStateDict(dict);
    expectGroups(c, optimizer, load.after, "after load_state_dict");
    runSteps(c, scheduler, optimizer, loadAt, c.steps.length);
  }
}

function errorRun(c: ReferenceCase): void {
  const during = c.referenceError?.during;
  if (during === "construction") {
    expect(() => buildScheduler(c, freshOptimizer(c))).toThrow(LRSchedulerError);
    return;
  }
  if (during === "load") {
    straightRun(c);
    return;
  }
  // The reference failed in a step() call: refusing the configuration at construction is accepted.
  const optimizer = freshOptimizer(c);
  let scheduler: LRScheduler;
  try {
    scheduler = buildScheduler(c, optimizer);
  } catch (error) {
    expect(error).toBeInstanceOf(LRSchedulerError);
    return;
  }
  expectGroups(c, optimizer, c.initial, "after construction");
  runSteps(c, scheduler, optimizer, 0, c.steps.length);
  const failing = c.referenceError?.call ? { call: c.referenceError.call } : {};
  expect(() => replayStep(scheduler, failing)).toThrow(LRSchedulerError);
}

/** Split points for resume tests: where the reference saved a state dict, and the middle of the run. */
function splitPoints(c: ReferenceCase): number[] {
  const limit = c.load ? c.load.afterStep : c.steps.length;
  const points = new Set([...Object.keys(c.stateDicts).map(Number), Math.floor(limit / 2)]);
  return [...points].filter((k) => k >= 0 && k <= limit).sort((a, b) => a - b);
}

function resumeFromOwnState(c: ReferenceCase, k: number, restoreOptimizerFirst: boolean): void {
  const optimizer = freshOptimizer(c);
  const scheduler = buildScheduler(c, optimizer);
  runSteps(c, scheduler, optimizer, 0, k);
  const saved = JSON.stringify({ scheduler: scheduler.stateDict(), groups: optimizer.paramGroups });
  const { scheduler: dict, groups } = JSON.parse(saved) as { scheduler: unknown; groups: Optimizer["paramGroups"] };
  const resumedOptimizer = freshOptimizer(c);
  const resumed = buildScheduler(c, resumedOptimizer);
  if (restoreOptimizerFirst) resumedOptimizer.paramGroups.forEach((g, i) => Object.assign(g, groups[i]));
  resumed.loadStateDict(dict);
  expectGroups(c, resumedOptimizer, expectedAfter(c, k), `resumed from own state at step ${k}`);
  runSteps(c, resumed, resumedOptimizer, k, c.load ? c.load.afterStep : c.steps.length);
}

/** The group values a trace recorded after `k` steps, written into fresh groups (timm's resume restores the optimizer too). */
function restoreRecordedGroups(c: ReferenceCase, optimizer: Optimizer, k: number): void {
  const values = expectedAfter(c, k);
  optimizer.paramGroups.forEach((g, i) => {
    if (values?.lr) g.lr = values.lr[i]!;
    if (values?.momentum) g.momentum = values.momentum[i]!;
    if (values?.weightDecay) g.weightDecay = values.weightDecay[i]!;
  });
}

function resumeFromReferenceState(c: ReferenceCase, k: number): void {
  const optimizer = freshOptimizer(c);
  const scheduler = buildScheduler(c, optimizer);
  if (c.resumeRestoresGroups) restoreRecordedGroups(c, optimizer, k);
  scheduler.loadStateDict(structuredClone(c.stateDicts[String(k)]));
  expectGroups(c, optimizer, expectedAfter(c, k), `after loading the reference state_dict() of step ${k}`);
  runSteps(c, scheduler, optimizer, k, c.load ? c.load.afterStep : c.steps.length);
}

const families = [...new Set(cases.map((c) => c.family))].sort();

describe.each(families)("reference traces: %s", (family) => {
  for (const c of cases.filter((x) => x.family === family)) {
    const supported = known.has(c.type);
    if (!supported && !IMPLEMENTED_FAMILIES.has(family)) {
      it.skip(`${c.id} (not yet supported: ${c.type})`, () => {});
      continue;
    }
    if (c.expectError) {
      it(`${c.id} (fails where the reference fails)`, () => errorRun(c));
      continue;
    }
    it(c.id, () => straightRun(c));
    for (const k of splitPoints(c)) {
      it(`${c.id}: JSON resume at step ${k}, optimizer restored first`, () => resumeFromOwnState(c, k, true));
      it(`${c.id}: JSON resume at step ${k}, optimizer not restored`, () => resumeFromOwnState(c, k, false));
    }
    for (const k of Object.keys(c.stateDicts).map(Number)) {
      if (c.load && k > c.load.afterStep) continue;
      it(`${c.id}: load the reference state_dict() of step ${k}`, () => resumeFromReferenceState(c, k));
    }
  }
});

it("the reference set is present and complete", () => {
  expect(cases.length).toBeGreaterThanOrEqual(127);
});
