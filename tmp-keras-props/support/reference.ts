/** Loading and replaying the golden traces in test/fixtures/reference. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { LRScheduler, Optimizer, ParamGroup } from "../../src/index.js";
import { createScheduler } from "../../src/index.js";

export const REFERENCE_DIR = join(import.meta.dirname, "..", "fixtures", "reference");

export type GroupValues = Partial<Record<"lr" | "momentum" | "beta1" | "beta2" | "weightDecay", number[]>>;

export interface TraceStep extends GroupValues {
  call?: Record<string, number>;
}

export interface ReferenceCase {
  id: string;
  family: string;
  type: string;
  params: Record<string, unknown>;
  /** Absent from the sambaflow cases (computed from formulas, no optimizer was built). */
  optimizer?: { type: string; defaults: Record<string, unknown> };
  paramGroups: ParamGroup[];
  initial?: GroupValues;
  steps: TraceStep[];
  stateDicts: Record<string, unknown>;
  load?: {
    afterStep: number;
    target: "fresh" | "running";
    stateDictSource: "own" | "given";
    stateDict: unknown;
    after?: GroupValues;
  };
  expectError?: boolean;
  errorAtStep?: number;
  referenceError?: { type: string; message: string; during: "construction" | "step" | "load"; stepIndex?: number; call?: Record<string, number> };
  tolerance?: { rel: number; abs: number };
  config?: Record<string, unknown>;
  /** timm: a resume restores the optimizer's groups too (its state has no step count). */
  resumeRestoresGroups?: boolean;
  /** timm's create_scheduler_v2: what it returned besides the scheduler. */
  returns?: Record<string, unknown>;
  file: string;
}

export function loadReferenceCases(): ReferenceCase[] {
  const cases: ReferenceCase[] = [];
  for (const family of readdirSync(REFERENCE_DIR, { withFileTypes: true })) {
    if (!family.isDirectory()) continue;
    for (const file of readdirSync(join(REFERENCE_DIR, family.name)).filter((f) => f.endsWith(".json")).sort()) {
      const path = join(REFERENCE_DIR, family.name, file);
      cases.push({ ...(JSON.parse(readFileSync(path, "utf8")) as ReferenceCase), file: `${family.name}/${file}` });
    }
  }
  return cases;
}

/** The type createScheduler is asked for (a ds_config case names it in its scheduler section). */
export function caseType(c: ReferenceCase): string {
  return c.type;
}

export function freshOptimizer(c: ReferenceCase): Optimizer {
  const optimizer: Optimizer = { paramGroups: structuredClone(c.paramGroups) };
  if (c.optimizer) optimizer.defaults = structuredClone(c.optimizer.defaults);
  return optimizer;
}

export function buildScheduler(c: ReferenceCase, optimizer: Optimizer): LRScheduler {
  return createScheduler(optimizer, c.config ?? { type: c.type, params: c.params });
}

/** A timm scheduler's second call: `stepUpdate(numUpdates, metric?)` after each optimizer update. */
interface StepsUpdates {
  stepUpdate(numUpdates: number, metric?: number): void;
}

/**
 * Calls `step()` the way the trace did: no argument, the single value of `call`, or timm's
 * `{ epoch, metric }` (`step(epoch, metric)`) and `{ num_updates, metric? }` (`stepUpdate(n, metric)`).
 */
export function replayStep(scheduler: LRScheduler, step: TraceStep | { call?: Record<string, number> }): void {
  const call = step.call;
  if (call === undefined) scheduler.step();
  else if ("num_updates" in call) (scheduler as unknown as StepsUpdates).stepUpdate(call.num_updates!, call.metric);
  else if ("epoch" in call && "metric" in call) scheduler.step(call.epoch, call.metric);
  else scheduler.step(Object.values(call)[0]);
}

const READERS: Record<keyof GroupValues, (g: ParamGroup) => unknown> = {
  lr: (g) => g.lr,
  momentum: (g) => g.momentum,
  beta1: (g) => g.betas?.[0],
  beta2: (g) => g.betas?.[1],
  weightDecay: (g) => g.weightDecay,
};

/** Asserts every value the trace recorded, within the case's tolerance. */
export function expectGroups(c: ReferenceCase, optimizer: Optimizer, expected: GroupValues | undefined, where: string): void {
  if (!expected) return;
  const { rel, abs } = c.tolerance ?? { rel: 1e-9, abs: 1e-15 };
  for (const [key, values] of Object.entries(expected) as [keyof GroupValues, number[] | undefined][]) {
    if (!values || !(key in READERS)) continue;
    values.forEach((want, i) => {
      const got = READERS[key](optimizer.paramGroups[i]!);
      const ok = typeof got === "number" && Math.abs(got - want) <= Math.max(abs, rel * Math.abs(want));
      if (!ok) expect.fail(`${c.id}: ${where}: group ${i} ${key} = ${String(got)}, reference ${want}`);
    });
  }
}

/** The values the trace expects after `k` step() calls (k = 0: right after construction). */
export function expectedAfter(c: ReferenceCase, k: number): GroupValues | undefined {
  return k === 0 ? c.initial : c.steps[k - 1];
}
