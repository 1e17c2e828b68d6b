/**
 * Two schedulers stepping one optimizer, as PyTorch's documentation chains them: the factors of
 * chainable schedules multiply (ReduceLROnPlateau's cuts too); exact resume from both state dicts in
 * either order; an absolute schedule that would overwrite another's factor refuses to step.
 */
import { describe, expect, it } from "vitest";
import { ExponentialLR, LambdaLR, MultiStepLR, OneCycleLR, ReduceLROnPlateau, SequentialLR, StepError, StepLR, type Optimizer } from "../../src/index.js";
import { thrown } from "../support/optimizer.js";

const single = (lr: number): Optimizer => ({ paramGroups: [{ lr }] });

describe("chained schedulers", () => {
  it("PyTorch's documented example: ExponentialLR(0.9) and MultiStepLR([30, 80]) both stepped each epoch", () => {
    const optimizer = single(0.1);
    const exponential = new ExponentialLR(optimizer, { gamma: 0.9 });
    const multistep = new MultiStepLR(optimizer, { milestones: [30, 80], gamma: 0.1 });
    for (let epoch = 1; epoch <= 100; epoch++) {
      exponential.step();
      multistep.step();
      const expected = 0.1 * 0.9 ** epoch * 0.1 ** (epoch >= 80 ? 2 : epoch >= 30 ? 1 : 0);
      expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(expected, 15);
    }
    expect(optimizer.paramGroups[0]!.lr / (0.1 * 0.9 ** 100 * 0.01)).toBeCloseTo(1, 12);
  });

  it("resumes exactly from both state dicts, loaded in either order", () => {
    const optimizer = single(0.1);
    const a = new StepLR(optimizer, { stepSize: 1, gamma: 0.9 });
    const b = new StepLR(optimizer, { stepSize: 3, gamma: 0.1 });
    for (let e = 0; e < 7; e++) {
      a.step();
      b.step();
    }
    const saved = JSON.parse(JSON.stringify([a.stateDict(), b.stateDict()])) as [unknown, unknown];
    for (const order of [[0, 1], [1, 0]]) {
      const fresh = single(0.1);
      const resumed = [new StepLR(fresh, { stepSize: 1, gamma: 0.9 }), new StepLR(fresh, { stepSize: 3, gamma: 0.1 })];
      for (const k of order) resumed[k]!.loadStateDict(saved[k]);
      expect(fresh.paramGroups[0]!.lr).toBe(optimizer.paramGroups[0]!.lr);
    }
  });

  it("a plateau on top of a chainable schedule: its cuts stay, the schedule's factor keeps moving", () => {
    const optimizer = single(1);
    const step = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
    const plateau = new ReduceLROnPlateau(optimizer, { patience: 0, factor: 0.1 });
    const seen: number[] = [];
    for (let e = 0; e < 5; e++) {
      step.step();
      plateau.step(1); // never improves after the first: a cut every epoch from the second
      seen.push(optimizer.paramGroups[0]!.lr);
    }
    // PyTorch: StepLR multiplies the current lr at epochs 2 and 4, the plateau cuts it from epoch 2 on.
    const expected = [1, 0.05, 0.005, 0.00025, 0.000025];
    seen.forEach((lr, k) => expect(lr).toBeCloseTo(expected[k]!, 15));
    const saved = JSON.parse(JSON.stringify([step.stateDict(), plateau.stateDict()])) as [unknown, unknown];
    const fresh = single(1);
    const s2 = new StepLR(fresh, { stepSize: 2, gamma: 0.5 });
    const p2 = new ReduceLROnPlateau(fresh, { patience: 0, factor: 0.1 });
    p2.loadStateDict(saved[1]);
    s2.loadStateDict(saved[0]);
    s2.step();
    step.step();
    expect(fresh.paramGroups[0]!.lr).toBeCloseTo(optimizer.paramGroups[0]!.lr, 18);
  });

  it("an absolute schedule refuses to step once another scheduler of its optimizer has moved, and changes nothing", () => {
    const optimizer: Optimizer = { paramGroups: [{ lr: 0.1, momentum: 0.9 }], defaults: { momentum: 0.9 } };
    const lambda = new LambdaLR(optimizer, { lrLambda: (t: number) => 1 / (1 + t) });
    const step = new StepLR(optimizer, { stepSize: 1, gamma: 0.5 });
    lambda.step();
    step.step();
    const before = JSON.stringify(optimizer.paramGroups);
    const error = thrown(() => lambda.step()) as StepError;
    expect(error).toBeInstanceOf(StepError);
    expect(error.message).toContain("ChainedScheduler");
    expect(JSON.stringify(optimizer.paramGroups)).toBe(before);
    expect(lambda.lastEpoch).toBe(1);
  });

  it("a scheduler left behind keeps its last factor, as the lr it left in PyTorch", () => {
    const optimizer: Optimizer = { paramGroups: [{ lr: 0.1, momentum: 0.9 }], defaults: { momentum: 0.9 } };
    const onecycle = new OneCycleLR(optimizer, { maxLr: 1, totalSteps: 10 });
    for (let k = 0; k < 3; k++) onecycle.step();
    const left = optimizer.paramGroups[0]!.lr;
    const step = new StepLR(optimizer, { stepSize: 2, gamma: 0.5 });
    step.step();
    step.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(left * 0.5, 15);
  });

  it("a composite's sub-schedulers are its own, not chained", () => {
    const optimizer = single(0.1);
    const warm = new StepLR(optimizer, { stepSize: 1, gamma: 2 });
    const decay = new ExponentialLR(optimizer, { gamma: 0.5 });
    const sequence = new SequentialLR(optimizer, { schedulers: [warm, decay], milestones: [2] });
    for (let k = 0; k < 3; k++) sequence.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1 * 0.5, 15);
  });
});

describe("a scheduler built after another has stepped", () => {
  it("steps: construction already wrote over the other's values", async () => {
    const { createScheduler } = await import("../../src/index.js");
    const optimizer = single(0.1);
    const plateau = createScheduler(optimizer, { type: "ReduceLROnPlateau", params: { patience: 0 } });
    plateau.step(1);
    plateau.step(1);
    const cosine = createScheduler(optimizer, { type: "CosineDecay", params: { initial_learning_rate: 0.1, decay_steps: 10 } });
    cosine.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(0.1 * 0.5 * (1 + Math.cos(Math.PI / 10)), 15);
  });
});
