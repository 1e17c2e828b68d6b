/** The public type of a Keras schedule's `getConfig()`: its options under Keras' names, derived from the schema. */
import { describe, expectTypeOf, it } from "vitest";
import { CosineDecay, PiecewiseConstantDecay, serializeKerasSchedule } from "../../../src/index.js";

const optimizer = { paramGroups: [{ lr: 0.1 }] };

describe("getConfig() is typed by the options", () => {
  it("each option under its snake_case name, nullable ones included", () => {
    const config = new CosineDecay(optimizer, { initialLearningRate: 0.1, decaySteps: 10 }).getConfig();
    expectTypeOf(config).toEqualTypeOf<{
      readonly initial_learning_rate: number;
      readonly decay_steps: number;
      readonly alpha: number;
      readonly name: string | null;
      readonly warmup_target: number | null;
      readonly warmup_steps: number;
    }>();
  });

  it("lists stay lists, and serialize() carries the same config type", () => {
    const schedule = new PiecewiseConstantDecay(optimizer, { boundaries: [5], values: [1, 0.1] });
    expectTypeOf(schedule.getConfig().values).toEqualTypeOf<number[]>();
    expectTypeOf(serializeKerasSchedule(schedule).config).toEqualTypeOf(schedule.getConfig());
    // @ts-expect-error no camelCase key in a Keras config
    void schedule.getConfig().initialLearningRate;
  });
});
