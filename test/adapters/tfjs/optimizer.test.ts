import * as tf from "@tensorflow/tfjs";
import { describe, expect, it } from "vitest";
import { InvalidOptimizerError, StepLR } from "lr-schedulers";
import { tfjsOptimizer } from "lr-schedulers/tfjs";
import { refusal as refuse } from "./refusal.js";
import { WobbleLR } from "./schedules.js";

const EPS = 1e-7;
const PERIOD = 5;
const STEPS = 8;
const TARGET = [1.5, -2, 0.25];
const START = [0.3, 0.7, -1.1];

type Vec = number[];
const zeros = () => TARGET.map(() => 0);

/** One update of each TF.js optimizer in float64, as tfjs-core 4.x computes it, with the hyper-parameters in force. */
interface Reference {
  update(w: Vec, g: Vec, lr: number, momentumOrBeta1: number): void;
}

function reference(kind: string): Reference {
  const a = zeros();
  const b = zeros();
  let accBeta1 = NaN;
  let accBeta2 = NaN;
  let iteration = 0;
  return {
    update(w, g, lr, m) {
      for (let k = 0; k < w.length; k++) {
        const gk = g[k]!;
        switch (kind) {
          case "Momentum":
            a[k] = m * a[k]! + gk;
            w[k] = w[k]! - lr * a[k]!;
            break;
          case "Adam": {
            a[k] = m * a[k]! + (1 - m) * gk;
            b[k] = 0.999 * b[k]! + 0.001 * gk * gk;
            const mHat = a[k]! / (1 - accBeta1);
            const vHat = b[k]! / (1 - accBeta2);
            w[k] = w[k]! - (lr * mHat) / (Math.sqrt(vHat) + EPS);
            break;
          }
          case "Adamax":
            a[k] = m * a[k]! + (1 - m) * gk;
            b[k] = Math.max(0.999 * b[k]!, Math.abs(gk));
            w[k] = w[k]! - (lr / (1 - accBeta1)) * (a[k]! / (b[k]! + EPS));
            break;
          case "RMSProp":
            a[k] = 0.9 * a[k]! + 0.1 * gk * gk;
            b[k] = m * b[k]! + (lr * gk) / Math.sqrt(a[k]! + EPS);
            w[k] = w[k]! - b[k]!;
            break;
          case "Adagrad":
            a[k] = (iteration === 0 ? 0.1 : a[k]!) + gk * gk;
            w[k] = w[k]! - (lr * gk) / Math.sqrt(a[k]! + EPS);
            break;
          case "Adadelta": {
            // TF.js divides by the accumulated squared gradient from before this step.
            const u = (Math.sqrt(b[k]! + EPS) / Math.sqrt(a[k]! + EPS)) * gk;
            a[k] = 0.95 * a[k]! + 0.05 * gk * gk;
            b[k] = 0.95 * b[k]! + 0.05 * u * u;
            w[k] = w[k]! - lr * u;
            break;
          }
        }
      }
      // Adam/Adamax keep a running product of the beta1 actually used, seeded with the constructor's beta1.
      accBeta1 *= m;
      accBeta2 *= 0.999;
      iteration += 1;
    },
    set seedBeta1(v: number) {
      accBeta1 = v;
      accBeta2 = 0.999;
    },
  } as Reference & { seedBeta1: number };
}

const makers: Record<string, (lr: number) => tf.Optimizer> = {
  Momentum: (lr) => tf.train.momentum(lr, 0.9),
  Adam: (lr) => tf.train.adam(lr, 0.9, 0.999, EPS),
  Adamax: (lr) => tf.train.adamax(lr, 0.9, 0.999, EPS, 0),
  RMSProp: (lr) => tf.train.rmsprop(lr, 0.9, 0.5, EPS, false),
  Adagrad: (lr) => tf.train.adagrad(lr, 0.1),
  Adadelta: (lr) => tf.train.adadelta(lr, 0.95, EPS),
};

/** Minimizes 0.5 * |w - target|^2 (gradient w - target) with the scheduler stepped after every update. */
function train(kind: string, baseLr: number) {
  const optimizer = makers[kind]!(baseLr);
  const wrapped = tfjsOptimizer(optimizer);
  const scheduler = new WobbleLR(wrapped, { period: PERIOD });
  const w = tf.variable(tf.tensor1d(START));
  const target = tf.tensor1d(TARGET);
  const ref = reference(kind) as Reference & { seedBeta1: number };
  ref.seedBeta1 = 0.9;
  const expected = [...START];
  const rows: { lr: number; got: Vec; want: Vec }[] = [];
  for (let t = 0; t < STEPS; t++) {
    const group = wrapped.paramGroups[0]!;
    const lr = group.lr;
    const m = group.momentum ?? group.betas?.[0] ?? 0;
    const g = expected.map((v, k) => v - TARGET[k]!);
    optimizer.minimize(() => tf.mul(0.5, tf.sum(tf.square(tf.sub(w, target)))) as tf.Scalar, false, [w]);
    ref.update(expected, g, lr, m);
    rows.push({ lr, got: Array.from(w.dataSync()), want: [...expected] });
    scheduler.step();
  }
  tf.dispose([w, target]);
  optimizer.dispose();
  return { rows, scheduler };
}

describe("tfjsOptimizer on the real TF.js optimizers", () => {
  it("SGD on a linear model: every update is exactly -lr * grad for a changing lr", () => {
    const optimizer = tf.train.sgd(0.05);
    const scheduler = new StepLR(tfjsOptimizer(optimizer), { stepSize: 2, gamma: 0.5 });
    const xs = [1, 2, 3, 4];
    const ys = [3, 5, 7, 9];
    const w = tf.variable(tf.scalar(0.5));
    const b = tf.variable(tf.scalar(-0.25));
    const x = tf.tensor1d(xs);
    const y = tf.tensor1d(ys);
    const lrs: number[] = [];
    for (let t = 0; t < 7; t++) {
      const [w0, b0] = [w.dataSync()[0]!, b.dataSync()[0]!];
      // d/dw mean((w x + b - y)^2) = mean(2 (w x + b - y) x)
      const residual = xs.map((xi, k) => w0 * xi + b0 - ys[k]!);
      const gw = residual.reduce((s, r, k) => s + 2 * r * xs[k]!, 0) / xs.length;
      const gb = residual.reduce((s, r) => s + 2 * r, 0) / xs.length;
      optimizer.minimize(() => tf.losses.meanSquaredError(y, tf.add(tf.mul(w, x), b)) as tf.Scalar, false, [w, b]);
      const lr = 0.05 * 0.5 ** Math.floor(t / 2);
      lrs.push(lr);
      expect(w.dataSync()[0]! - w0).toBeCloseTo(-lr * gw, 6);
      expect(b.dataSync()[0]! - b0).toBeCloseTo(-lr * gb, 6);
      scheduler.step();
    }
    expect(lrs).toEqual([0.05, 0.05, 0.025, 0.025, 0.0125, 0.0125, 0.00625]);
    tf.dispose([w, b, x, y]);
  });

  for (const kind of Object.keys(makers)) {
    it(`${kind}: the weights follow the scheduled lr${kind === "Momentum" || kind === "RMSProp" ? " and momentum" : kind.startsWith("Adam") ? " and beta1" : ""}`, () => {
      const { rows } = train(kind, 0.05);
      rows.forEach(({ lr, got, want }, t) => {
        expect(lr).toBeCloseTo(0.05 * (0.55 + 0.45 * Math.cos((2 * Math.PI * t) / PERIOD)), 12);
        got.forEach((v, k) => expect(v).toBeCloseTo(want[k]!, 5));
      });
      // The run must differ from a constant-lr run, or the check above proves nothing.
      expect(new Set(rows.map((r) => r.lr)).size).toBeGreaterThan(2);
    });
  }

  it("Momentum: TF.js's own setMomentum() leaves the cached scalar stale, which is why the group rebuilds it", () => {
    const step = (opt: tf.MomentumOptimizer, w: tf.Variable) => {
      opt.minimize(() => tf.sum(w) as tf.Scalar, false, [w]); // gradient 1
      return w.dataSync()[0]!;
    };
    const plain = tf.train.momentum(1, 0.9);
    const w1 = tf.variable(tf.scalar(0));
    step(plain, w1);
    plain.setMomentum(0);
    expect(step(plain, w1)).toBeCloseTo(-1 - 1.9, 5); // still 0.9: the update ignores setMomentum

    const driven = tf.train.momentum(1, 0.9);
    const group = tfjsOptimizer(driven).paramGroups[0]!;
    const w2 = tf.variable(tf.scalar(0));
    step(driven, w2);
    group.momentum = 0;
    expect(step(driven, w2)).toBeCloseTo(-1 - 1, 5);
    expect(driven.getConfig().momentum).toBe(0);
    tf.dispose([w1, w2]);
  });

  it("exposes the hyper-parameters each optimizer has, under PyTorch's names", () => {
    const sgd = tfjsOptimizer(tf.train.sgd(0.1));
    expect(sgd.kind).toBe("SGD");
    expect(sgd.paramGroups[0]!.lr).toBe(0.1);
    expect("momentum" in sgd.paramGroups[0]!).toBe(false);
    expect(sgd.defaults).toEqual({ lr: 0.1 });
    const adam = tfjsOptimizer(tf.train.adam(0.01, 0.8, 0.99));
    expect([...adam.paramGroups[0]!.betas!]).toEqual([0.8, 0.99]);
    expect(adam.defaults).toEqual({ lr: 0.01, betas: [0.8, 0.99] });
    adam.paramGroups[0]!.betas = [0.7, 0.98];
    expect(adam.tfjs.getClassName()).toBe("Adam");
    expect((adam.tfjs as unknown as { beta1: number; beta2: number }).beta1).toBe(0.7);
    expect((adam.tfjs as unknown as { beta1: number; beta2: number }).beta2).toBe(0.98);
    expect(tfjsOptimizer(tf.train.rmsprop(0.01, 0.9, 0.3)).paramGroups[0]!.momentum).toBe(0.3);
  });

  it("SGD does not rebuild its lr tensor when the lr is unchanged", () => {
    const optimizer = tf.train.sgd(0.1);
    const group = tfjsOptimizer(optimizer).paramGroups[0]!;
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) group.lr = 0.1;
    expect(tf.memory().numTensors).toBe(before);
    group.lr = 0.2;
    expect((optimizer as unknown as { learningRate: number }).learningRate).toBe(0.2);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("tfjsOptimizer refuses what it cannot honour", () => {
  const refusal = (fn: () => unknown) => refuse<InvalidOptimizerError>(fn);

  it("a non-optimizer and an unknown optimizer class", () => {
    const e1 = refusal(() => tfjsOptimizer({} as never));
    expect(e1).toBeInstanceOf(InvalidOptimizerError);
    expect(e1.field).toBe("optimizer");
    const e2 = refusal(() => tfjsOptimizer({ getClassName: () => "Lion", applyGradients() {} }));
    expect(e2).toBeInstanceOf(InvalidOptimizerError);
    expect(e2.field).toBe("getClassName()");
    expect(e2.value).toBe("Lion");
  });

  it("Adamax with its own decay, unless asked to keep both", () => {
    const e = refusal(() => tfjsOptimizer(tf.train.adamax(0.01, 0.9, 0.999, undefined, 0.1)));
    expect(e).toBeInstanceOf(InvalidOptimizerError);
    expect(e.field).toBe("decay");
    expect(e.message).toMatch(/stack/);
    expect(tfjsOptimizer(tf.train.adamax(0.01, 0.9, 0.999, undefined, 0.1), { allowAdamaxDecay: true }).kind).toBe("Adamax");
  });

  it("a non-finite lr, momentum or beta, leaving the optimizer as it was", () => {
    const optimizer = tf.train.momentum(0.1, 0.9);
    const group = tfjsOptimizer(optimizer).paramGroups[0]!;
    const e = refusal(() => (group.lr = NaN));
    expect(e).toBeInstanceOf(InvalidOptimizerError);
    expect(e.field).toBe("paramGroups[0].lr");
    expect(refusal(() => (group.momentum = Infinity)).field).toBe("paramGroups[0].momentum");
    expect(optimizer.getConfig()).toMatchObject({ learningRate: 0.1, momentum: 0.9 });
    const adam = tfjsOptimizer(tf.train.adam(0.1)).paramGroups[0]!;
    expect(refusal(() => (adam.betas![0] = NaN)).field).toBe("betas[0]");
  });
});
