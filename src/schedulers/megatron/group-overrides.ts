/**
 * The per-group overrides of Megatron's OptimizerParamScheduler (`maxLr`, `minLr`, `startWd`,
 * `endWd`, `wdMult`), read from a param group and resolved against the scheduler-wide values, so
 * that a step only does arithmetic and a bad group is refused before anything is written.
 */
import { InvalidOptimizerError } from "../../core/errors.js";
import type { ParamGroup } from "../../core/optimizer.js";

/** One group's values: its overrides where it has them, the scheduler's otherwise. */
export interface GroupValues {
  readonly maxLr: number;
  readonly minLr: number;
  readonly startWd: number;
  readonly endWd: number;
  /** 1 where the group has none. */
  readonly wdMult: number;
}

/** The scheduler-wide values a group falls back on. */
export interface GroupDefaults {
  readonly maxLr: number;
  readonly minLr: number;
  readonly startWd: number;
  readonly endWd: number;
  /** The constant weight-decay style needs `startWd === endWd` in every group. */
  readonly constantWd: boolean;
}

type OverrideKey = "maxLr" | "minLr" | "startWd" | "endWd" | "wdMult";

/** Python-style spellings that Megatron would read but a camelCase group here would silently ignore. */
const SNAKE_CASE_KEYS: Readonly<Record<string, OverrideKey>> = {
  max_lr: "maxLr",
  min_lr: "minLr",
  start_wd: "startWd",
  end_wd: "endWd",
  wd_mult: "wdMult",
};

/**
 * A group's values, checked against the scheduler-wide ones they combine with. `path` names the
 * group in errors (`paramGroups[1]`).
 * @throws InvalidOptimizerError naming `<path>.<key>` for a value that is not a finite number >= 0,
 * an override written in snake_case, or one that makes the group's min lr exceed its max lr or its
 * start weight decay exceed (or, with the constant style, differ from) its end weight decay
 */
export function groupValues(group: Readonly<ParamGroup>, defaults: GroupDefaults, where: string, path: string): GroupValues {
  for (const [snake, camel] of Object.entries(SNAKE_CASE_KEYS)) {
    if (snake in group) throw new InvalidOptimizerError(where, `${path}.${snake}`, group[snake], `spelled "${camel}"`);
  }
  const own = (key: OverrideKey): number | undefined => {
    const value = group[key];
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
      throw new InvalidOptimizerError(where, `${path}.${key}`, value, "a finite number >= 0 (or absent)");
    }
    return value;
  };
  const overrides = { maxLr: own("maxLr"), minLr: own("minLr"), startWd: own("startWd"), endWd: own("endWd"), wdMult: own("wdMult") };
  const values: GroupValues = {
    maxLr: overrides.maxLr ?? defaults.maxLr,
    minLr: overrides.minLr ?? defaults.minLr,
    startWd: overrides.startWd ?? defaults.startWd,
    endWd: overrides.endWd ?? defaults.endWd,
    wdMult: overrides.wdMult ?? 1,
  };
  // The scheduler-wide values are consistent, so a conflict always involves one of the group's own keys.
  const blame = (first: "maxLr" | "endWd", second: "minLr" | "startWd", expected: string): never => {
    const key = overrides[first] !== undefined ? first : second;
    throw new InvalidOptimizerError(where, `${path}.${key}`, overrides[key], expected);
  };
  const { maxLr, minLr, startWd, endWd } = values;
  if (maxLr < minLr) blame("maxLr", "minLr", `consistent with min lr ${minLr} <= max lr ${maxLr}`);
  if (endWd < startWd) blame("endWd", "startWd", `consistent with start wd ${startWd} <= end wd ${endWd}`);
  if (defaults.constantWd && endWd !== startWd) blame("endWd", "startWd", `such that start wd (${startWd}) equals end wd (${endWd}), as wd_incr_style is "constant"`);
  return values;
}
