/**
 * The optimizer's groups as the engine sees them: checked once at construction, read for base lrs,
 * written transactionally (every value checked first; a write that throws puts back what was written).
 */
import { InvalidOptimizerError, InvalidOptionError, LRSchedulerError } from "./errors.js";
import type { Optimizer, ParamGroup } from "./optimizer.js";
import type { BaseRule } from "./schedule.js";

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/**
 * @throws InvalidOptimizerError unless `optimizer.paramGroups` is a non-empty list of writable
 * groups, each with a finite `lr` (not required where the schedule writes absolute values), a
 * finite `initialLr` where it has one, and `defaults` (if any) an object.
 */
export function checkOptimizer(optimizer: unknown, where: string, base: BaseRule = "initialLr"): asserts optimizer is Optimizer {
  if (!isObject(optimizer)) throw new InvalidOptimizerError(where, "optimizer", optimizer, "an object with paramGroups");
  const { paramGroups: groups, defaults } = optimizer as { paramGroups?: unknown; defaults?: unknown };
  if (!Array.isArray(groups) || groups.length === 0) {
    throw new InvalidOptimizerError(where, "paramGroups", groups, "a non-empty list of param groups");
  }
  if (defaults !== undefined && (!isObject(defaults) || Array.isArray(defaults))) {
    throw new InvalidOptimizerError(where, "defaults", defaults, "an object of the optimizer's keywords, or absent");
  }
  groups.forEach((g: unknown, i) => {
    if (!isObject(g) || Array.isArray(g)) throw new InvalidOptimizerError(where, `paramGroups[${i}]`, g, "an object");
    if (Object.isFrozen(g)) throw new InvalidOptimizerError(where, `paramGroups[${i}]`, "(frozen)", "a writable object (the scheduler writes its lr)");
    const lr = g.lr;
    if (base !== "absolute" || lr !== undefined) {
      if (!isFiniteNumber(lr)) throw new InvalidOptimizerError(where, `paramGroups[${i}].lr`, lr, "a finite number");
    }
    if (g.initialLr !== undefined && !isFiniteNumber(g.initialLr)) {
      throw new InvalidOptimizerError(where, `paramGroups[${i}].initialLr`, g.initialLr, "a finite number (PyTorch's initial_lr), or absent");
    }
    if (Object.isSealed(g) && base === "initialLr" && !("initialLr" in g)) {
      throw new InvalidOptimizerError(where, `paramGroups[${i}]`, "(sealed)", 'an object that can take an "initialLr" key, or one that has it');
    }
    if ("initial_lr" in g && !("initialLr" in g)) {
      throw new InvalidOptimizerError(where, `paramGroups[${i}].initial_lr`, g.initial_lr, 'spelled "initialLr" (group keys are camelCase)');
    }
  });
}

/**
 * Each group's base lr under `rule`, without writing anything. `"initialLr"`: its `initialLr`, or
 * its `lr` where it has none; when construction resumes a run (`fresh` false), every group must
 * already have `initialLr` (PyTorch raises a KeyError otherwise).
 */
export function baseLrsOf(groups: readonly ParamGroup[], rule: BaseRule, fresh: boolean, where: string, resumeOption: string): number[] {
  return groups.map((g, i) => {
    if (rule === "lr") return g.lr;
    if (rule === "absolute") return isFiniteNumber(g.lr) ? g.lr : NaN;
    if (g.initialLr === undefined && !fresh) {
      throw new InvalidOptionError(where, resumeOption, "(resuming)", `left at its default unless every param group has "initialLr" (group ${i} has none)`);
    }
    return g.initialLr ?? g.lr;
  });
}

/**
 * The base lrs a schedule takes from the groups (its `initialLr` or `lr`) are >= 0: PyTorch's
 * optimizers refuse a negative lr ("Invalid learning rate"), so no reference scheduler starts from one.
 * @throws InvalidOptimizerError naming the group's field the base lr came from
 */
export function checkBaseLrs(groups: readonly ParamGroup[], baseLrs: readonly number[], rule: BaseRule, where: string): void {
  if (rule === "absolute") return;
  baseLrs.forEach((v, i) => {
    if (v >= 0) return;
    const field = rule === "initialLr" && groups[i]!.initialLr !== undefined ? "initialLr" : "lr";
    throw new InvalidOptimizerError(where, `paramGroups[${i}].${field}`, v, "a number >= 0 (a base lr: PyTorch's optimizers refuse a negative lr)");
  });
}

/** A copy of every group's own keys (betas copied), to put the groups back exactly. */
export type GroupSnapshot = Record<string, unknown>[];

export function snapshotGroups(groups: readonly ParamGroup[]): GroupSnapshot {
  return groups.map((g) => {
    // A malformed group (null, a number) is refused by checkOptimizer; there is nothing of it to keep.
    if (!isObject(g)) return {};
    const copy: Record<string, unknown> = { ...g };
    if (Array.isArray(g.betas)) copy.betas = [...g.betas];
    return copy;
  });
}

/** Puts every group back as it was: keys added since are removed, values (and betas entries, in place) restored. */
export function restoreGroups(groups: readonly ParamGroup[], snapshot: GroupSnapshot): void {
  groups.forEach((group, i) => {
    const saved = snapshot[i];
    if (saved === undefined || !isObject(group)) return;
    const g = group as Record<string, unknown>;
    try {
      for (const key of Object.keys(g)) if (!Object.prototype.hasOwnProperty.call(saved, key)) delete g[key];
      for (const [key, value] of Object.entries(saved)) {
        if (key === "betas" && Array.isArray(value) && Array.isArray(g.betas)) value.forEach((v, j) => ((g.betas as unknown[])[j] = v));
        else if (g[key] !== value) g[key] = value;
      }
    } catch {
      // A group that refuses the restore refused the write too: nothing of ours is left in it.
    }
  });
}

/** Runs `write`; if it throws, the groups are put back and the failure becomes an InvalidOptimizerError. */
export function writeTransactionally(groups: readonly ParamGroup[], where: string, write: () => void): void {
  const snapshot = snapshotGroups(groups);
  try {
    write();
  } catch (error) {
    restoreGroups(groups, snapshot);
    if (error instanceof LRSchedulerError) throw error;
    throw new InvalidOptimizerError(where, "paramGroups", "(a group refused a write)", `writable groups (${error instanceof Error ? error.message : String(error)})`);
  }
}
