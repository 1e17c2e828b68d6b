import type { Counter } from "../../core/counter.js";

/** The extensions count steps as PyTorch does (0 after construction, which writes step 0); `step(x)` jumps to x, with no deprecation. */
export const extensionSteps: Counter = {
  start: () => 0,
  fresh: () => true,
  writesAtStart: "always",
  argument: "to",
  argumentName: "step",
  integer: false,
  min: 0,
};
