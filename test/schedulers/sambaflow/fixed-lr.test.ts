import { describe, expect, it } from "vitest";
import { InvalidOptionError, SambaFlowFixedLR, createScheduler } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";
import { lrTrace } from "../transformers/lr-trace.js";

describe("SambaFlowFixedLR", () => {
  it("keeps the learning rate", () => {
    const optimizer = sgd(5e-4);
    expect(lrTrace(optimizer, new SambaFlowFixedLR(optimizer), 3)).toEqual([5e-4, 5e-4, 5e-4, 5e-4]);
  });

  it("is built by createScheduler as fixed_lr and refuses schedule options it has not", () => {
    expect(createScheduler(sgd(1), { type: "fixed_lr", params: {} })).toBeInstanceOf(SambaFlowFixedLR);
    const error = thrown(() => new SambaFlowFixedLR(sgd(1), { warmup_steps: 10 } as never)) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("warmup_steps");
  });
});
