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

/**
 * @throws InvalidOptimizerError naming `paramGroups[i].<key>` for a value that is not a finite number
 * >= 0, or an override written in snake_case
 */
export function readGroupOverrides(optimizer: Optimizer, schedulerType: string): GroupOverrides {
  const groups = optimizer.paramGroups;
  const read = (key: "maxLr" | "minLr" | "startWd" | "endWd" | "wdMult") =>
    groups.map((g, i) => {
      const value = g[key];
      if (value === undefined) return undefined;
      if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
        throw new InvalidOptimizerError(schedulerType, `paramGroups[${i}].${key}`, value, "a finite number >= 0 (or absent)");
      }
      return value;
    });
  groups.forEach((g, i) => {
    for (const [snake, camel] of Object.entries(SNAKE_CASE_KEYS)) {
      if (snake in g) throw new InvalidOptimizerError(schedulerType, `paramGroups[${i}].${snake}`, g[snake], `spelled "${camel}"`);
    }
  });
  return {
    maxLr: read("maxLr"),
    minLr: read("minLr"),
    startWd: read("startWd"),
    endWd: read("endWd"),
    wdMult: read("wdMult").map((m) => m ?? 1),
  };
}
