import { describe, expect, it } from "vitest";
import {
  InvalidConfigError,
  InvalidOptimizerError,
  InvalidOptionError,
  InvalidStateDictError,
  LRSchedulerError,
  StateDictMismatchError,
  StepError,
  UnknownSchedulerTypeError,
  describeValue,
} from "../../src/index.js";

describe("errors", () => {
  it("every error is an LRSchedulerError and an Error, with its own name", () => {
    const errors = [
      new InvalidOptionError("StepLR", "step_size", 0, "an integer > 0"),
      new InvalidStateDictError("StepLR", "last_epoch", "x", "a finite number"),
      new StateDictMismatchError("OptimizerParamScheduler", "max_lr", 0.1, 0.2),
      new UnknownSchedulerTypeError("Nope", ["StepLR"]),
      new InvalidConfigError("scheduler", 1, "an object"),
      new StepError("OneCycleLR", 21, "past the end"),
      new InvalidOptimizerError("StepLR", "paramGroups", [], "a non-empty list"),
    ];
    for (const error of errors) {
      expect(error).toBeInstanceOf(Error);
      expect(error).toBeInstanceOf(LRSchedulerError);
      expect(error.name).toBe(error.constructor.name);
    }
    expect(errors[2]).toBeInstanceOf(InvalidStateDictError);
  });

  it("messages name the scheduler, the option, the value and what is allowed", () => {
    const error = new InvalidOptionError("StepLR", "step_size", 0, "an integer > 0");
    expect(error.message).toBe('StepLR: option "step_size" must be an integer > 0; got 0.');
    expect(error).toMatchObject({ schedulerType: "StepLR", option: "step_size", value: 0, expected: "an integer > 0" });
    expect(new UnknownSchedulerTypeError("Nope", ["A", "B"]).message).toBe('Unknown scheduler type "Nope"; known types: A, B.');
    expect(new StateDictMismatchError("X", "max_lr", 0.1, 0.2).message).toBe(
      'X: state dict field "max_lr" must be equal to the constructor\'s value 0.2; got 0.1.',
    );
  });

  it("describes values the way a JS user writes them", () => {
    expect(describeValue(NaN)).toBe("NaN");
    expect(describeValue(-Infinity)).toBe("-Infinity");
    expect(describeValue([1, Infinity])).toBe('[1,"Infinity"]');
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue(() => 1)).toBe("a function");
    expect(describeValue("x".repeat(200))).toHaveLength(120);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(describeValue(cyclic)).toBe("[object Object]");
  });
});
