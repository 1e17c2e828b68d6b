/**
 * Reads the per-group overrides (`maxLr`, `minLr`, `startWd`, `endWd`, `wdMult`) of Megatron's
 * OptimizerParamScheduler from the optimizer's groups, once, at construction and at each load, so
 * that `step()` only does arithmetic and a bad group is refused before anything is written.
 */
import { InvalidOptimizerError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";

/** Each group's values; `undefined` where the group has no override and the scheduler's value applies. */
export interface GroupOverrides {
  maxLr: (number | undefined)[];
  minLr: (number | undefined)[];
  startWd: (number | undefined)[];
  endWd: (number | undefined)[];
  /** 1 where the group has none. */
  wdMult: number[];
}

/** Python-style spellings that Megatron would read but a camelCase group here would silently ignore. */
const SNAKE_CASE_KEYS: Record<string, string> = {
  max_lr: "maxLr",
  min_lr: "minLr",
  start_wd: "startWd",
  end_wd: "endWd",
  wd_mult: "wdMult",
};

/** The scheduler-wide values a group falls back on. */
export interface GroupDefaults {
  maxLr: number;
  minLr: number;
  startWd: number;
  endWd: number;
  /** The constant weight-decay style needs `startWd === endWd` in every group. */
  constantWd: boolean;
}

/**
 * Each group's overrides, checked against the scheduler-wide values they combine with.
 * @throws InvalidOptimizerError naming `paramGroups[i].<key>` for a value that is not a finite number
 * >= 0, an override written in snake_case, or one that makes the group's min lr exceed its max lr or
 * its start weight decay exceed (or, with the constant style, differ from) its end weight decay
 */
export function readGroupOverrides(optimizer: Optimizer, schedulerType: string, defaults: GroupDefaults): GroupOverrides {
  const groups = optimizer.paramGroups;
  groups.forEach((g, i) => {
    for (const [snake, camel] of Object.entries(SNAKE_CASE_KEYS)) {
      if (snake in g) throw new InvalidOptimizerError(schedulerType, `paramGroups[${i}].${snake}`, g[snake], `spelled "${camel}"`);
    }
  });
  const read = (key: "maxLr" | "minLr" | "startWd" | "endWd" | "wdMult") =>
    groups.map((g, i) => {
      const value = g[key];
      if (value === undefined) return undefined;
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        throw new InvalidOptimizerError(schedulerType, `paramGroups[${i}].${key}`, value, "a finite number >= 0 (or absent)");
      }
      return value;
    });
  const overrides: GroupOverrides = { maxLr: read("maxLr"), minLr: read("minLr"), startWd: read("startWd"), endWd: read("endWd"), wdMult: read("wdMult").map((m) => m ?? 1) };
  groups.forEach((_, i) => {
    // The scheduler-wide values are consistent, so a conflict always involves one of the group's own keys.
    const blame = (first: "maxLr" | "endWd", second: "minLr" | "startWd", expected: string): never => {
      const key = overrides[first][i] !== undefined ? first : second;
      throw new InvalidOptimizerError(schedulerType, `paramGroups[${i}].${key}`, overrides[key][i], expected);
    };
    const maxLr = overrides.maxLr[i] ?? defaults.maxLr;
    const minLr = overrides.minLr[i] ?? defaults.minLr;
    if (maxLr < minLr) blame("maxLr", "minLr", `consistent with min lr ${minLr} <= max lr ${maxLr}`);
    const startWd = overrides.startWd[i] ?? defaults.startWd;
    const endWd = overrides.endWd[i] ?? defaults.endWd;
    if (endWd < startWd) blame("endWd", "startWd", `consistent with start wd ${startWd} <= end wd ${endWd}`);
    if (defaults.constantWd && endWd !== startWd) blame("endWd", "startWd", `such that start wd (${startWd}) equals end wd (${endWd}), as wd_incr_style is "constant"`);
  });
  return overrides;
}
