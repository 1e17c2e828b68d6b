import { describe, expect, it } from "vitest";
import { InvalidStateDictError, createScheduler, knownSchedulerTypes, piecewiseConstantSchedule } from "../../../src/index.js";
import { thrown } from "../../support/optimizer.js";
import { groups, values, warningsOf } from "./helpers.js";

const TYPES = [
  "constant_schedule",
  "polynomial_schedule",
  "linear_schedule",
  "piecewise_constant_schedule",
  "exponential_decay",
  "cosine_decay_schedule",
  "piecewise_interpolate_schedule",
  "linear_onecycle_schedule",
  "cosine_onecycle_schedule",
  "warmup_constant_schedule",
  "warmup_cosine_decay_schedule",
  "warmup_exponential_decay_schedule",
  "sgdr_schedule",
  "join_schedules",
];

describe("the optax family", () => {
  it("registers every schedule function under its own name, also as optax.<name>", () => {
    expect(knownSchedulerTypes()).toEqual(expect.arrayContaining(TYPES));
    const bare = values("cosine_decay_schedule", { init_value: 1, decay_steps: 4 }, 4);
    const prefixed = values("optax.cosine_decay_schedule", { init_value: 1, decay_steps: 4 }, 4);
    expect(prefixed).toEqual(bare);
  });

  it("saves boundaries_and_scales as given and resumes from JSON", () => {
    const scheduler = piecewiseConstantSchedule(groups(), { initValue: 1, boundariesAndScales: { "-10": 0.5, 3: 0.1 } });
    for (let k = 0; k < 4; k++) scheduler.step();
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict())) as { options: Record<string, unknown> };
    expect(dict.options).toEqual({ initValue: 1, boundariesAndScales: { "-10": 0.5, 3: 0.1 } });
    const resumed = piecewiseConstantSchedule(groups(), { initValue: 1 });
    resumed.loadStateDict(dict);
    expect(resumed.optimizer.paramGroups.map((g) => g.lr)).toEqual([0.05, 0.05]);
    expect(resumed.options.boundariesAndScales).toEqual({ "-10": 0.5, 3: 0.1 });
  });

  it("reports optax's logs once, at construction, not again when a state dict is loaded", () => {
    const params = { init_value: 1, transition_steps: 0, decay_rate: 0.5 };
    let dict: unknown;
    expect(warningsOf(() => (dict = JSON.parse(JSON.stringify(createScheduler(groups(), { type: "exponential_decay", params }).stateDict()))))).toEqual(["exponential_decay:non-positive-transition-steps"]);
    const other = createScheduler(groups(), { type: "exponential_decay", params: { ...params, transition_steps: 2 } });
    expect(warningsOf(() => other.loadStateDict(dict))).toEqual([]);
    expect(other.optimizer.paramGroups[0]!.lr).toBe(1);
  });

  it("reads no other state dict: optax schedules keep none (the count lives in the optimizer state)", () => {
    const scheduler = createScheduler(groups(), { type: "constant_schedule", params: { value: 1 } });
    const error = thrown(() => scheduler.loadStateDict({ count: 3 }));
    expect(error).toBeInstanceOf(InvalidStateDictError);
  });
});
