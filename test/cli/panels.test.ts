import { describe, expect, it } from "vitest";
import { panelNames, panelsOf } from "../../src/cli/panels.js";
import type { Simulation } from "../../src/index.js";

const f = (...values: number[]) => new Float64Array(values);

describe("panelsOf", () => {
  const sim: Simulation = {
    type: "ProbeLR",
    steps: 2,
    groups: [
      { lr: f(1, 2, 3), momentum: f(0.9, 0.8, 0.9), weightDecay: f(0, 0.1, 0.2) },
      { lr: f(1, 2, 3), momentum: f(0.9, 0.8, 0.9), beta2: f(0.99, 0.99, 0.99), weightDecay: f(0, 0, 0) },
      { lr: f(1, 2, 4), weightDecay: f(0, 0.1, 0.2) },
    ],
  };

  it("gives a panel per quantity a group has, in order, naming the cycled momentum per group", () => {
    const panels = panelsOf(sim, ["momentum", "beta1", "momentum"]);
    expect(panels.map((p) => p.name)).toEqual(["lr", "momentum", "beta1", "beta2", "weight decay"]);
    expect(panels.map((p) => p.series.map((s) => s.label))).toEqual([["lr_0", "lr_1", "lr_2"], ["momentum_0"], ["beta1_1"], ["beta2_1"], ["weight_decay_0", "weight_decay_1", "weight_decay_2"]]);
    expect(panelNames(panels)).toBe("lr, momentum, beta1, beta2 and weight decay");
    expect(panelsOf(sim).map((p) => p.name)).toEqual(["lr", "momentum", "beta2", "weight decay"]);
  });

  it("says which series equal an earlier one at every step", () => {
    const [lr, , , , wd] = panelsOf(sim, ["momentum", "beta1", "momentum"]);
    expect(lr!.series.map((s) => s.sameAs)).toEqual([undefined, "lr_0", undefined]);
    expect(wd!.series.map((s) => s.sameAs)).toEqual([undefined, undefined, "weight_decay_0"]);
    expect(panelNames(panelsOf({ type: "X", steps: 0, groups: [{ lr: f(1) }] }))).toBe("lr");
  });
});
