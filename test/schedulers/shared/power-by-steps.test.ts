import { describe, expect, it } from "vitest";
import { StepLR, type Optimizer } from "../../../src/index.js";
import { powerBySteps } from "../../../src/schedulers/shared/power-by-steps.js";

describe("powerBySteps", () => {
  it("gives base ** k bit for bit, whatever order k comes in", () => {
    const power = powerBySteps(0.93);
    for (const k of [0, 1, 1, 7, 3, 3, 250, 0, -2, 1e5]) expect(Object.is(power(k), 0.93 ** k)).toBe(true);
  });

  it("keeps two schedules' caches apart", () => {
    const a = powerBySteps(0.5);
    const b = powerBySteps(3);
    expect([a(2), b(2), a(3), b(3)]).toEqual([0.25, 9, 0.125, 27]);
  });

  it("leaves StepLR's numbers and its resume exact", () => {
    const opt = (): Optimizer => ({ paramGroups: [{ lr: 0.1 }] });
    const s = new StepLR(opt(), { stepSize: 3, gamma: 0.7 });
    const seen: number[] = [];
    for (let t = 1; t <= 10; t++) {
      s.step();
      seen.push(s.getLastLr()[0]!);
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((t) => 0.1 * 0.7 ** Math.floor(t / 3)));
    const resumed = new StepLR(opt(), { stepSize: 3, gamma: 0.7 });
    resumed.loadStateDict(JSON.parse(JSON.stringify(s.stateDict())));
    s.step(4); // a jump back, then on
    resumed.step(4);
    expect(resumed.getLastLr()).toEqual(s.getLastLr());
    expect(s.getLastLr()[0]).toBe(0.1 * 0.7 ** 1);
  });
});
