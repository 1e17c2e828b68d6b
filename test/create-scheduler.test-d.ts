/** createScheduler is typed by the type literal: params per type in any spelling, unknown names refused; run-time configs stay accepted. */
import { describe, expectTypeOf, it } from "vitest";
import { createScheduler, type LRScheduler, type ReduceLROnPlateau, type SchedulerConfig, type StepLR } from "../src/index.js";

type OptionsOf<S> = S extends { readonly options: infer O } ? O : never;

const optimizer = { paramGroups: [{ lr: 0.1 }] };

describe("createScheduler's types", () => {
  it("a literal type gives its class and types its params, in camelCase or Python's spelling", () => {
    expectTypeOf<OptionsOf<ReturnType<typeof createScheduler>>>().not.toBeNever();
    const step: StepLR = createScheduler(optimizer, { type: "torch.StepLR", params: { stepSize: 30, gamma: 0.5 } });
    expectTypeOf(step.options.stepSize).toEqualTypeOf<number>();
    const plateau: ReduceLROnPlateau = createScheduler(optimizer, { type: "ReduceLROnPlateau" });
    expectTypeOf(plateau.options.mode).toEqualTypeOf<"min" | "max">();
    createScheduler(optimizer, { type: "CosineAnnealingLR", params: { T_max: 10, eta_min: 0.001 } });
    createScheduler(optimizer, { type: "SequentialLR", params: { schedulers: [{ type: "StepLR", params: { step_size: 1 } }], milestones: [] } });
  });

  it("refuses an unknown type, an unknown option and a missing one at compile time", () => {
    // @ts-expect-error no such type
    createScheduler(optimizer, { type: "StepLr" });
    // @ts-expect-error stepsize is not an option of StepLR
    createScheduler(optimizer, { type: "StepLR", params: { stepsize: 30 } });
    // @ts-expect-error step_size is required
    createScheduler(optimizer, { type: "StepLR", params: { gamma: 0.5 } });
    // @ts-expect-error gamma is a number
    createScheduler(optimizer, { type: "StepLR", params: { step_size: 3, gamma: "0.5" } });
  });

  it("takes configs read at run time", () => {
    const fromJson = JSON.parse('{"type":"StepLR","params":{"step_size":3}}') as SchedulerConfig;
    const built = createScheduler(optimizer, fromJson);
    expectTypeOf(built).toMatchTypeOf<LRScheduler>();
    const dsConfig: Record<string, unknown> = { scheduler: { type: "WarmupLR", params: {} } };
    createScheduler(optimizer, dsConfig);
  });
});
