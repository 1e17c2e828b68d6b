/** The public types of a schedule made by defineSchedule: options inferred from the schema, the class, its state dict. */
import { describe, expectTypeOf, it } from "vitest";
import { ReduceLROnPlateau, StepLR, type LRScheduler, type JsonValue, type SchedulerStateDict, type StepLROptions } from "../../src/index.js";
import { defineSchedule, num, perGroupValue, positiveInt, torchEpochs, withDefault, type SchedulerOptions } from "../../src/extend.js";
import * as z from "zod/mini";

const optimizer = { paramGroups: [{ lr: 0.1 }] };

describe("options are derived from the schema", () => {
  it("required, defaulted and optional options", () => {
    expectTypeOf<StepLROptions>().toEqualTypeOf<{ stepSize: number; gamma?: number | undefined; lastEpoch?: number | undefined }>();
    const Custom = defineSchedule({
      type: "Custom",
      family: "test",
      counter: torchEpochs,
      options: () => ({ every: positiveInt(), floor: withDefault(num(), 0), note: z.optional(num()), rate: perGroupValue(num(), "a number") }),
      build: (o) => {
        expectTypeOf(o).toEqualTypeOf<{ every: number; floor: number; note?: number | undefined; rate: number | number[] }>();
        return { shape: () => o.floor };
      },
    });
    expectTypeOf<SchedulerOptions<typeof Custom>>().toEqualTypeOf<{ every: number; floor?: number | undefined; note?: number | undefined; rate: number | number[] }>();
    expectTypeOf(Custom.schedulerType).toEqualTypeOf<"Custom">();
  });

  it("a constructor whose options are all optional takes none", () => {
    new ReduceLROnPlateau(optimizer);
    new StepLR(optimizer, { stepSize: 3 });
    // @ts-expect-error stepSize is required
    new StepLR(optimizer, {});
    // @ts-expect-error the options are required
    new StepLR(optimizer);
    // @ts-expect-error gamma is a number
    new StepLR(optimizer, { stepSize: 3, gamma: "0.1" });
  });

  it("validated options have their defaults filled in", () => {
    const s = new StepLR(optimizer, { stepSize: 3 });
    expectTypeOf(s.options.gamma).toEqualTypeOf<number>();
    expectTypeOf(s).toMatchTypeOf<LRScheduler>();
    expectTypeOf<StepLR>().toEqualTypeOf<InstanceType<typeof StepLR>>();
  });
});

describe("state dicts are JSON", () => {
  it("stateDict() is assignable to JSON values", () => {
    type Json = string | number | boolean | null | undefined | Json[] | { [key: string]: Json };
    const dict: Json = new StepLR(optimizer, { stepSize: 3 }).stateDict();
    expectTypeOf(dict).not.toBeAny();
    expectTypeOf<SchedulerStateDict["options"]>().toEqualTypeOf<Record<string, JsonValue>>();
  });
});
