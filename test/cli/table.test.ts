import { describe, expect, it } from "vitest";
import { toCsv, toJson, sampledSteps } from "../../src/cli/table.js";
import type { Simulation } from "../../src/index.js";

const sim: Simulation = {
  type: "ProbeLR",
  steps: 4,
  groups: [
    { lr: new Float64Array([0.1, 0.05, 0.025, 0.0125, 1 / 160]), momentum: new Float64Array([0.8, 0.9, 0.8, 0.9, 0.8]) },
    { lr: new Float64Array([0.2, 0.1, Number.NaN, Infinity, 0]), weightDecay: new Float64Array([0, 0.1, 0.2, 0.3, 0.4]) },
  ],
};

describe("table output", () => {
  it("samples every n-th step and always the last", () => {
    expect(sampledSteps(10, 1)).toHaveLength(11);
    expect(sampledSteps(10, 4)).toEqual([0, 4, 8, 10]);
    expect(sampledSteps(10, 5)).toEqual([0, 5, 10]);
    expect(sampledSteps(3, 100)).toEqual([0, 3]);
  });

  it("writes CSV: step, the lr of each group, then momentum and weight decay columns where set", () => {
    expect(toCsv(sim)).toBe(
      [
        "step,lr_0,lr_1,momentum_0,weight_decay_1",
        "0,0.1,0.2,0.8,0",
        "1,0.05,0.1,0.9,0.1",
        "2,0.025,NaN,0.8,0.2",
        "3,0.0125,Infinity,0.9,0.3",
        "4,0.00625,0,0.8,0.4",
        "",
      ].join("\n"),
    );
    expect(toCsv(sim, 3).split("\n").map((line) => line.split(",")[0])).toEqual(["step", "0", "3", "4", ""]);
  });

  it("writes JSON with the same columns and non-finite values as strings", () => {
    const json = JSON.parse(toJson(sim, 2)) as { type: string; steps: number; columns: string[]; rows: unknown[][] };
    expect(json.type).toBe("ProbeLR");
    expect(json.steps).toBe(4);
    expect(json.columns).toEqual(["step", "lr_0", "lr_1", "momentum_0", "weight_decay_1"]);
    expect(json.rows).toEqual([
      [0, 0.1, 0.2, 0.8, 0],
      [2, 0.025, "NaN", 0.8, 0.2],
      [4, 0.00625, 0, 0.8, 0.4],
    ]);
  });
});
