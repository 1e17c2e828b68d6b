import { describe, expect, it } from "vitest";
import { InvalidOptionError, InvalidOptimizerError, PerGroupScheduler, StepLR, createScheduler } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("PerGroupScheduler", () => {
  it("drives each group with its own schedule and multiplier", () => {
    const optimizer = sgd(1, 1);
    const scheduler = new PerGroupScheduler(optimizer, {
      schedules: [new StepLR(optimizer, { stepSize: 1, gamma: 0.5 }), new StepLR(optimizer, { stepSize: 2, gamma: 0.1 })],
      lrScale: [1, 2],
    });
    const seen = [optimizer.paramGroups.map((g) => g.lr)];
    for (let k = 0; k < 2; k++) {
      scheduler.step();
      seen.push(optimizer.paramGroups.map((g) => g.lr));
    }
    expect(seen).toEqual([[1, 2], [0.5, 2], [0.25, 2 * 0.1]]);
  });

  it("reads lrScale from the groups (timm's lr_scale) and shares one schedule", () => {
    const optimizer = { paramGroups: [{ lr: 1 }, { lr: 1, lrScale: 0.1 }] };
    const scheduler = createScheduler(optimizer, {
      type: "PerGroupScheduler",
      params: { schedules: [{ type: "StepLR", params: { step_size: 1, gamma: 0.5 } }] },
    });
    scheduler.step();
    expect(optimizer.paramGroups.map((g) => g.lr)).toEqual([0.5, 0.05]);
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict()));
    const resumed = { paramGroups: [{ lr: 1 }, { lr: 1, lrScale: 0.1 }] };
    createScheduler(resumed, { type: "PerGroupScheduler", params: { schedules: [{ type: "StepLR", params: { step_size: 1, gamma: 0.5 } }] } }).loadStateDict(dict);
    expect(resumed.paramGroups.map((g) => g.lr)).toEqual([0.5, 0.05]);
  });

  it("refuses a schedule count or multiplier that does not fit the groups", () => {
    const optimizer = { paramGroups: [{ lr: 1 }, { lr: 1 }, { lr: 1, lrScale: -1 }] };
    const step = () => new StepLR(optimizer, { stepSize: 1 });
    const cases: [() => unknown, string][] = [
      [() => new PerGroupScheduler(optimizer, { schedules: [step(), step()] }), "schedules"],
      [() => new PerGroupScheduler(optimizer, { schedules: [step()], lrScale: [1, 2] }), "lrScale"],
      [() => new PerGroupScheduler(optimizer, { schedules: [step()], lr_scale: [1, 2] } as never), "lr_scale"],
      [() => new PerGroupScheduler(optimizer, { schedules: [step()], lrScale: 0 }), "lrScale"],
    ];
    for (const [make, option] of cases) {
      const error = thrown(make) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
    }
    const group = thrown(() => new PerGroupScheduler(optimizer, { schedules: [step()] })) as InvalidOptimizerError;
    expect(group).toBeInstanceOf(InvalidOptimizerError);
    expect(group.path).toBe("paramGroups[2].lrScale");
  });
});
