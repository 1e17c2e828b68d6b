import { describe, expect, it } from "vitest";
import { CosineAnnealingLR, InvalidOptionError, InvalidStateDictError, StepError, StepLR, createScheduler, inEpochs } from "../../../src/index.js";
import { sgd, thrown } from "../../support/optimizer.js";

describe("inEpochs", () => {
  it("feeds a schedule written in epochs fractional epochs, one step per batch", () => {
    const optimizer = sgd(1);
    const cosine = new CosineAnnealingLR(optimizer, { tMax: 2 });
    const scheduler = inEpochs(cosine, { stepsPerEpoch: 4 });
    for (let k = 0; k < 3; k++) scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBe(cosine.scheduleAt(0, 0.75));
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo((1 + Math.cos((Math.PI * 0.75) / 2)) / 2, 15);
  });

  it("holds past the end by default, or continues", () => {
    const hold = sgd(1);
    const held = inEpochs(new CosineAnnealingLR(hold, { tMax: 1 }), { stepsPerEpoch: 2, endEpoch: 1 });
    for (let k = 0; k < 4; k++) held.step();
    expect(hold.paramGroups[0]!.lr).toBe(0);
    const go = sgd(1);
    const continued = inEpochs(new CosineAnnealingLR(go, { tMax: 1 }), { stepsPerEpoch: 2, endEpoch: 1, pastEnd: "continue" });
    for (let k = 0; k < 4; k++) continued.step();
    expect(go.paramGroups[0]!.lr).toBeCloseTo(1, 15);
  });

  it('throws a StepError past the end with pastEnd "error", changing nothing', () => {
    const optimizer = sgd(1);
    const scheduler = inEpochs(new StepLR(optimizer, { stepSize: 1, gamma: 0.5 }), { stepsPerEpoch: 2, endEpoch: 1, pastEnd: "error" });
    scheduler.step();
    scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
    expect(thrown(() => scheduler.step())).toBeInstanceOf(StepError);
    expect(scheduler.lastEpoch).toBe(2);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5);
  });

  it("with fewer than one step per epoch, refuses a step that would take the schedule's counter past 2**53 - 1", () => {
    const optimizer = sgd(1);
    const scheduler = inEpochs(new StepLR(optimizer, { stepSize: 1e15, gamma: 0.5 }), { stepsPerEpoch: 0.5, pastEnd: "continue" });
    const last = (Number.MAX_SAFE_INTEGER - 1) / 2; // epoch 2**53 - 2: the last the schedule's counter can hold
    const error = thrown(() => scheduler.step(last + 1)) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(error.code).toBe("past-end");
    expect(scheduler.lastEpoch).toBe(0);
    expect(optimizer.paramGroups[0]!.lr).toBe(1);
    scheduler.step(last);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.5 ** 9); // floor((2**53 - 2) / 1e15) = 9 decays
    const resumed = sgd(1);
    const again = inEpochs(new StepLR(resumed, { stepSize: 1e15, gamma: 0.5 }), { stepsPerEpoch: 0.5, pastEnd: "continue" });
    again.loadStateDict(JSON.parse(JSON.stringify(scheduler.stateDict())));
    expect(again.lastEpoch).toBe(last);
    expect(resumed.paramGroups[0]!.lr).toBe(0.5 ** 9);
  });

  it("refuses at once a checkpoint whose schedule would start past that limit", () => {
    const make = () => inEpochs(new StepLR(sgd(1), { stepSize: 10 }), { stepsPerEpoch: 34, pastEnd: "continue" });
    const scheduler = make();
    scheduler.step();
    const dict = JSON.parse(JSON.stringify(scheduler.stateDict()));
    dict.children[0].options.lastEpoch = 1e21; // the sub-schedule would start at epoch 1e21 + 1
    const target = make();
    const before = JSON.stringify(target.stateDict());
    expect(thrown(() => target.loadStateDict(dict))).toBeInstanceOf(InvalidStateDictError);
    expect(JSON.stringify(target.stateDict())).toBe(before);
  });

  it("is built by createScheduler and resumes from JSON", () => {
    const config = { type: "EpochUnits", params: { steps_per_epoch: 10, end_epoch: 3, schedule: { type: "StepLR", params: { step_size: 1, gamma: 0.5 } } } };
    const optimizer = sgd(1);
    const scheduler = createScheduler(optimizer, config);
    for (let k = 0; k < 25; k++) scheduler.step();
    expect(optimizer.paramGroups[0]!.lr).toBe(0.25);
    const resumed = sgd(1);
    createScheduler(resumed, config).loadStateDict(JSON.parse(JSON.stringify(scheduler.stateDict())));
    expect(resumed.paramGroups[0]!.lr).toBe(0.25);
  });

  it("refuses a non-positive steps_per_epoch", () => {
    const error = thrown(() => inEpochs(new StepLR(sgd(1), { stepSize: 1 }), { stepsPerEpoch: 0 })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("stepsPerEpoch");
  });
});
