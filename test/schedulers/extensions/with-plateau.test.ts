import { describe, expect, it } from "vitest";
import { createScheduler, withPlateau, WithPlateau, StepError, type Optimizer } from "../../../src/index.js";
import { thrown } from "../../support/optimizer.js";

const single = (lr: number): Optimizer => ({ paramGroups: [{ lr }] });

describe("withPlateau: ReduceLROnPlateau's cuts on top of any schedule", () => {
  it("cuts multiply an absolute per-batch schedule (a Keras CosineDecay) from the epoch of the cut on", () => {
    const optimizer = single(0);
    const cosine = createScheduler(optimizer, { type: "CosineDecay", params: { initial_learning_rate: 0.1, decay_steps: 100 } });
    const plateau = withPlateau(cosine, { factor: 0.5, patience: 0 });
    const value = (t: number) => 0.1 * (0.5 * (1 + Math.cos((Math.PI * Math.min(t, 100)) / 100)));
    const seen: number[] = [];
    for (let epoch = 0; epoch < 4; epoch++) {
      for (let batch = 0; batch < 10; batch++) cosine.step();
      plateau.step(1); // the first epoch improves, every later one is bad: a cut each time
      seen.push(optimizer.paramGroups[0]!.lr);
    }
    const cuts = [1, 0.5, 0.25, 0.125];
    seen.forEach((lr, k) => expect(lr).toBeCloseTo(value(10 * (k + 1)) * cuts[k]!, 15));
    cosine.step();
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(value(41) * 0.125, 15);
  });

  it("resumes both exactly from their state dicts", () => {
    const run = () => {
      const optimizer = single(0);
      const cosine = createScheduler(optimizer, { type: "CosineDecay", params: { initial_learning_rate: 0.1, decay_steps: 100 } });
      return { optimizer, cosine, plateau: withPlateau(cosine, { factor: 0.5, patience: 0 }) };
    };
    const a = run();
    for (let epoch = 0; epoch < 3; epoch++) {
      for (let batch = 0; batch < 7; batch++) a.cosine.step();
      a.plateau.step(2 - epoch * 0.001 * (epoch % 2));
    }
    const saved = JSON.parse(JSON.stringify({ cosine: a.cosine.stateDict(), plateau: a.plateau.stateDict() })) as { cosine: unknown; plateau: unknown };
    const b = run();
    b.plateau.loadStateDict(saved.plateau);
    b.cosine.loadStateDict(saved.cosine);
    expect(b.optimizer.paramGroups[0]!.lr).toBe(a.optimizer.paramGroups[0]!.lr);
    a.cosine.step();
    b.cosine.step();
    expect(b.optimizer.paramGroups[0]!.lr).toBe(a.optimizer.paramGroups[0]!.lr);
    expect(b.plateau.best).toBe(a.plateau.best);
  });

  it("without withPlateau, an absolute schedule refuses to step over a plateau's cut", () => {
    const optimizer = single(0);
    const cosine = createScheduler(optimizer, { type: "CosineDecay", params: { initial_learning_rate: 0.1, decay_steps: 100 } });
    const plateau = createScheduler(optimizer, { type: "ReduceLROnPlateau", params: { patience: 0 } });
    cosine.step();
    plateau.step(1);
    expect(thrown(() => cosine.step())).toBeInstanceOf(StepError);
  });

  it("is a registered type, built from a config on another config", () => {
    const optimizer = single(0);
    const plateau = createScheduler(optimizer, { type: "WithPlateau", params: { schedule: { type: "constant_schedule", params: { value: 0.2 } }, factor: 0.5, patience: 0 } });
    expect(plateau).toBeInstanceOf(WithPlateau);
    expect(optimizer.paramGroups[0]!.lr).toBe(0.2);
  });
});
