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
  prefixError,
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
    expect(new UnknownSchedulerTypeError("Nope", ["A", "B"]).message).toBe('Unknown scheduler type "Nope". Known types: A, B.');
    expect(new UnknownSchedulerTypeError("StepLr", ["StepLR"], "StepLR").message).toBe('Unknown scheduler type "StepLr". Did you mean "StepLR"? Known types: StepLR.');
    expect(new StateDictMismatchError("X", "max_lr", 0.1, 0.2).message).toBe(
      'X: state dict field "max_lr" must be equal to the constructor\'s value 0.2; got 0.1.',
    );
  });

  it("carry a stable code, the path as spelled and where they were raised", () => {
    const cases: [LRSchedulerError, string, string, string][] = [
      [new InvalidOptionError("StepLR", "step_size", 0, "an integer > 0"), "invalid-option", "step_size", "StepLR"],
      [new InvalidStateDictError("StepLR", "last_epoch", "x", "a finite number"), "invalid-state-dict", "last_epoch", "StepLR"],
      [new StateDictMismatchError("X", "options.a", 1, 2), "state-dict-mismatch", "options.a", "X"],
      [new UnknownSchedulerTypeError("Nope", []), "unknown-scheduler-type", "type", "createScheduler"],
      [new InvalidConfigError("scheduler.params", 1, "an object"), "invalid-config", "scheduler.params", "createScheduler"],
      [new StepError("OneCycleLR", 21, "past the end", "past-end"), "past-end", "", "OneCycleLR"],
      [new InvalidOptimizerError("simulate", "paramGroups[1].lr", NaN, "a finite number"), "invalid-optimizer", "paramGroups[1].lr", "simulate"],
    ];
    for (const [error, code, path, where] of cases) expect([error.code, error.path, error.where]).toEqual([code, path, where]);
  });

  it("prefixError puts a composite's path in front of its child's", () => {
    const child = new InvalidOptionError("StepLR", "gamma", "x", "a finite number");
    const outer = prefixError(child, "schedulers[1].", "SequentialLR") as InvalidOptionError;
    expect(outer).toBeInstanceOf(InvalidOptionError);
    expect([outer.path, outer.where, outer.code]).toEqual(["schedulers[1].gamma", "SequentialLR", "invalid-option"]);
    expect(outer.message).toBe('SequentialLR: option "schedulers[1].gamma" must be a finite number; got "x".');
    const plain = new Error("x");
    expect(prefixError(plain, "a.", "B")).toBe(plain);
  });

  it("prefixError names the child itself for an error of the child as a whole, and joins an index without a dot", () => {
    const whole = new StepError("StepLR", 0, "the chained lr of param group 0 is not finite (Infinity)", "non-finite-value");
    const outer = prefixError(whole, "schedule.", "WithPlateau") as StepError;
    expect([outer.path, outer.code]).toEqual(["schedule", "non-finite-value"]);
    expect(outer.message).toBe("WithPlateau: step 0: schedule: the chained lr of param group 0 is not finite (Infinity)");
    const indexed = prefixError(new InvalidConfigError("[2]", 1, "a config"), "schedulers[1].", "SequentialLR") as InvalidConfigError;
    expect(indexed.path).toBe("schedulers[1][2]");
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
