/** What `step(x)` makes of the counter under each family's convention (`nextCount`), as data. */
import { describe, expect, it } from "vitest";
import { StepError } from "../../src/index.js";
import { deepspeedIterations, megatronIncrements, nextCount, stepCounts, torchEpochs, torchSteps } from "../../src/core/counter.js";
import type { ScheduleDefinition } from "../../src/core/schedule.js";
import { thrown } from "../support/optimizer.js";

const definition = (counter: ScheduleDefinition["counter"]) => ({ type: "T", counter }) as unknown as ScheduleDefinition;

describe("nextCount", () => {
  it("step() adds one under every convention", () => {
    for (const counter of [torchEpochs, deepspeedIterations, megatronIncrements, stepCounts]) {
      expect(nextCount(definition(counter), 4, undefined, undefined)).toBe(5);
    }
  });

  it("step(x) jumps to x (PyTorch, DeepSpeed, counts) or adds x (Megatron)", () => {
    expect(nextCount(definition(torchEpochs), 4, 2.5, undefined)).toBe(2.5);
    expect(nextCount(definition(deepspeedIterations), 4, -1, undefined)).toBe(-1);
    expect(nextCount(definition(stepCounts), 4, 10, undefined)).toBe(10);
    expect(nextCount(definition(megatronIncrements), 4, 3, undefined)).toBe(7);
  });

  it("refuses what the convention cannot take, with the argument's name", () => {
    expect((thrown(() => nextCount(definition(torchSteps), 4, 2.5, undefined)) as StepError).message).toBe("T: step 4: the epoch must be an integer; got 2.5");
    expect((thrown(() => nextCount(definition(megatronIncrements), 4, -1, undefined)) as StepError).message).toBe("T: step 4: the increment must be >= 0; got -1");
    expect((thrown(() => nextCount(definition(deepspeedIterations), 4, -2, undefined)) as StepError).message).toBe("T: step 4: the batch iteration must be >= -1; got -2");
    expect((thrown(() => nextCount(definition(torchEpochs), 4, Number.NaN, undefined)) as StepError).message).toBe("T: step 4: the epoch must be a finite number; got NaN");
  });

  it("stops at 2**53 - 1 and at the schedule's end", () => {
    expect(nextCount(definition(megatronIncrements), Number.MAX_SAFE_INTEGER - 1, 1, undefined)).toBe(Number.MAX_SAFE_INTEGER);
    expect(thrown(() => nextCount(definition(megatronIncrements), Number.MAX_SAFE_INTEGER, 1, undefined))).toBeInstanceOf(StepError);
    const past = thrown(() => nextCount(definition(stepCounts), 9, undefined, 9)) as StepError;
    expect([past.code, past.message]).toEqual(["past-end", "T: step 10: the schedule has 9 steps; it cannot step past them"]);
  });
});
