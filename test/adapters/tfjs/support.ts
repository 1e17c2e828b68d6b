/**
 * What the TF.js adapter tests share: a small linear regression whose SGD gradient is known in
 * closed form (so the lr of each update can be read back from the weight change, Δw = −lr·grad),
 * a recorder of what each update really used (it wraps the optimizer's applyGradients, whatever
 * order the callbacks run in), and a counter of tensor reads.
 */
import * as tf from "@tensorflow/tfjs";

export const SAMPLES = 16;
export const BATCH = 4; // 4 updates per epoch
/** Inputs in [0, 1)², targets y = 2·x₀ − x₁ + 0.5. */
export const X = Array.from({ length: SAMPLES }, (_, i) => [i / SAMPLES, (i % 4) / 4]);
export const Y = X.map(([a, b]) => 2 * a! - b! + 0.5);
/** Validation targets the training pulls away from: val_loss improves at first, then rises. */
export const VAL_X = [[0.1, 0.2], [0.7, 0.4], [0.3, 0.9], [0.9, 0.1]];
export const VAL_Y = [0.2, 0.1, 0.3, 0.2];

export function data() {
  return { xs: tf.tensor2d(X), ys: tf.tensor2d(Y.map((y) => [y])), valXs: tf.tensor2d(VAL_X), valYs: tf.tensor2d(VAL_Y.map((y) => [y])) };
}

/** One dense unit, weights [1, 1] and bias 0, MSE. */
export function linearModel(optimizer: tf.Optimizer): tf.LayersModel {
  const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], kernelInitializer: "ones", biasInitializer: "zeros" })] });
  m.compile({ optimizer, loss: "meanSquaredError" });
  return m;
}

/** The MSE gradient in float64 for the samples [from, from + size): d/dw mean((w·x + b − y)²). */
export function gradient(w: readonly number[], b: number, from: number, size = BATCH): { gw: number[]; gb: number } {
  let g0 = 0;
  let g1 = 0;
  let gb = 0;
  for (let i = from; i < from + size; i++) {
    const r = w[0]! * X[i]![0]! + w[1]! * X[i]![1]! + b - Y[i]!;
    g0 += (2 * r * X[i]![0]!) / size;
    g1 += (2 * r * X[i]![1]!) / size;
    gb += (2 * r) / size;
  }
  return { gw: [g0, g1], gb };
}

export interface UpdateRecord {
  /** `optimizer.learningRate` as the update ran. */
  lr: number;
  /** beta1 or momentum as the update ran (NaN for plain SGD). */
  momentum: number;
  /** Weights [w0, w1, b] before and after. */
  before: number[];
  after: number[];
}

function weightsOf(model: tf.LayersModel | undefined): number[] {
  if (!model) return [];
  return model.getWeights().flatMap((t) => Array.from(t.dataSync()));
}

/**
 * Records every update of `optimizer` (wrapping its applyGradients): the lr and momentum it ran
 * with, and, given the model, the weights around it. Reads tensors itself: not for the read count.
 */
export function recordUpdates(optimizer: tf.Optimizer, model?: tf.LayersModel) {
  const fields = optimizer as unknown as { learningRate: number; beta1?: number; momentum?: number };
  const updates: UpdateRecord[] = [];
  const original = optimizer.applyGradients;
  optimizer.applyGradients = function (this: tf.Optimizer, ...args: Parameters<tf.Optimizer["applyGradients"]>) {
    const record: UpdateRecord = { lr: fields.learningRate, momentum: fields.beta1 ?? fields.momentum ?? NaN, before: weightsOf(model), after: [] };
    original.apply(this, args);
    record.after = weightsOf(model);
    updates.push(record);
  };
  return {
    updates,
    get lrs() {
      return updates.map((u) => u.lr);
    },
    /** The lr of update k read back from the weight change and the float64 gradient of its batch (k counts from `first`). */
    lrFromWeights(k: number, batchesPerEpoch = SAMPLES / BATCH): number {
      const { before, after } = updates[k]!;
      const { gw, gb } = gradient(before.slice(0, 2), before[2]!, (k % batchesPerEpoch) * BATCH);
      // The component with the largest gradient gives the most digits.
      const deltas = [after[0]! - before[0]!, after[1]! - before[1]!, after[2]! - before[2]!];
      const grads = [...gw, gb];
      const j = grads.reduce((best, g, i) => (Math.abs(g) > Math.abs(grads[best]!) ? i : best), 0);
      return -deltas[j]! / grads[j]!;
    },
    restore() {
      optimizer.applyGradients = original;
    },
  };
}

/** Counts reads of tensor values (data, dataSync, array, arraySync, bytes on tf.Tensor.prototype) while `run` runs. */
export async function countReads(run: () => Promise<unknown>): Promise<number> {
  const proto = tf.Tensor.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const names = ["data", "dataSync", "array", "arraySync", "bytes"];
  const originals = names.map((n) => proto[n]!);
  let reads = 0;
  let depth = 0;
  names.forEach((n, i) => {
    proto[n] = function (this: unknown, ...args: unknown[]) {
      // arraySync reads through dataSync: count the outer call only.
      if (depth === 0) reads += 1;
      depth += 1;
      try {
        const out = originals[i]!.apply(this, args);
        return out;
      } finally {
        depth -= 1;
      }
    };
  });
  try {
    await run();
  } finally {
    names.forEach((n, i) => (proto[n] = originals[i]!));
  }
  return reads;
}

/** Relative difference. */
export const rel = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));
