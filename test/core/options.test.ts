import { describe, expect, it } from "vitest";
import * as z from "zod/mini";
import { InvalidOptionError } from "../../src/index.js";
import { expandPerGroup, num, numberIn, oneOf, perGroupValue, positiveInt, positiveNumber, withDefault } from "../../src/extend.js";
import { parseOptions as parse, toSnakeCase } from "../../src/core/options.js";
import { thrown } from "../support/optimizer.js";

const options = {
  stepSize: positiveInt(),
  tMax: z.optional(num()),
  gamma: z.optional(numberIn(0, 1)),
  mode: z.optional(oneOf(["min", "max"])),
  maxLr: z.optional(perGroupValue(positiveNumber(), "a number > 0")),
};
const parseOptions = (fields: typeof options, input: unknown, where: string) => parse(fields, input, where).options;

describe("option keys", () => {
  it("writes camelCase the Python way", () => {
    expect(toSnakeCase("stepSize")).toBe("step_size");
    expect(toSnakeCase("t0")).toBe("t_0");
    expect(toSnakeCase("warmupNumSteps")).toBe("warmup_num_steps");
  });

  it("accepts camelCase and snake_case, including PyTorch's T_max", () => {
    expect(parseOptions(options, { step_size: 3, T_max: 10, max_lr: [1, 2] }, "X")).toEqual({ stepSize: 3, tMax: 10, maxLr: [1, 2] });
    expect(parseOptions(options, { stepSize: 3, tMax: 10 }, "X")).toEqual({ stepSize: 3, tMax: 10 });
  });

  it("refuses an unknown key and lists the accepted ones", () => {
    const error = thrown(() => parseOptions(options, { stepSize: 3, stepsize: 4 }, "X")) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("stepsize");
    expect(error.message).toContain("step_size (stepSize), T_max (tMax), gamma, mode, max_lr (maxLr)");
  });

  it("refuses the same option given in two spellings", () => {
    const error = thrown(() => parseOptions(options, { stepSize: 3, step_size: 4 }, "X")) as InvalidOptionError;
    expect(error.option).toBe("step_size");
    expect(error.expected).toContain('also given as "stepSize"');
  });

  it("names the option as the caller spelled it, with the value and what is allowed", () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ step_size: 0 }, "step_size", "an integer > 0"],
      [{ step_size: 2.5 }, "step_size", "an integer > 0"],
      [{ stepSize: NaN }, "stepSize", "an integer > 0"],
      [{ stepSize: 1, gamma: 1.5 }, "gamma", "a number in [0, 1]"],
      [{ stepSize: 1, T_max: Infinity }, "T_max", "a finite number"],
      [{ stepSize: 1, mode: "mean" }, "mode", 'one of "min", "max"'],
      [{ stepSize: 1, max_lr: [1, -1] }, "max_lr", "a number > 0, or a non-empty list of them (one per param group)"],
      [{ stepSize: 1, max_lr: [] }, "max_lr", "a number > 0, or a non-empty list of them (one per param group)"],
      [{}, "step_size", "given (it is required)"],
    ];
    for (const [input, option, expected] of cases) {
      const error = thrown(() => parseOptions(options, input, "X")) as InvalidOptionError;
      expect(error, JSON.stringify(input)).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
      expect(error.expected).toBe(expected);
    }
  });

  it("refuses options that are not an object, and prototype keys", () => {
    expect((thrown(() => parseOptions(options, 3, "X")) as InvalidOptionError).option).toBe("options");
    expect((thrown(() => parseOptions(options, [1], "X")) as InvalidOptionError).option).toBe("options");
    const polluted = JSON.parse('{"stepSize": 1, "__proto__": {"polluted": true}}') as unknown;
    expect((thrown(() => parseOptions(options, polluted, "X")) as InvalidOptionError).option).toBe("__proto__");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("expands per-group values, and gives nothing for a list of the wrong length", () => {
    expect(expandPerGroup(0.1, 3)).toEqual([0.1, 0.1, 0.1]);
    expect(expandPerGroup([1, 2], 2)).toEqual([1, 2]);
    expect(expandPerGroup([1, 2], 3)).toBeUndefined();
  });

  it("fills in defaults, so that validated options always hold them", () => {
    const fields = { gamma: withDefault(num(), 0.1), steps: z.optional(positiveInt()) };
    expect(parse(fields, {}, "X").options).toEqual({ gamma: 0.1 });
    expect(parse(fields, { gamma: 0.5, steps: 2 }, "X").options).toEqual({ gamma: 0.5, steps: 2 });
  });

  it("takes a key only as camelCase, its snake_case or PyTorch's capitalised form", () => {
    for (const odd of ["_step_size", "STEP_SIZE", "step__size", "Step_Size", "stepsize"]) {
      const error = thrown(() => parseOptions(options, { [odd]: 1 }, "X")) as InvalidOptionError;
      expect([error.option, error.code, error.suggestion]).toEqual([odd, "unknown-option", "step_size"]);
    }
  });
});
