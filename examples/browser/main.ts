/**
 * The browser example: trains a small TF.js model with OneCycleLR and draws the lr and loss
 * curves. The trace is left on `window.trainingTrace` for the end-to-end test.
 */
import * as tf from "@tensorflow/tfjs";
import { createScheduler } from "lr-schedulers";
import { lrSchedulerCallback, tfjsOptimizer } from "lr-schedulers/tfjs";

/** The schedule, shared with the test that checks the page. */
export const ONE_CYCLE = { type: "OneCycleLR", params: { max_lr: 0.05, total_steps: 40 } } as const;
const EPOCHS = 5;
const BATCH = 8; // 64 samples: 8 updates per epoch, 40 in all

export interface TrainingTrace {
  lrs: number[];
  beta1s: number[];
  losses: number[];
  done: boolean;
  error?: string;
}

function drawCurve(canvas: HTMLCanvasElement, values: number[], color: string): void {
  const ctx = canvas.getContext("2d")!;
  const { width, height } = canvas;
  const pad = 36;
  ctx.clearRect(0, 0, width, height);
  const max = Math.max(...values);
  const min = Math.min(0, ...values);
  const x = (i: number) => pad + ((width - 2 * pad) * i) / Math.max(1, values.length - 1);
  const y = (v: number) => height - pad - ((height - 2 * pad) * (v - min)) / (max - min || 1);
  ctx.strokeStyle = "#999";
  ctx.beginPath();
  ctx.moveTo(pad, pad / 2);
  ctx.lineTo(pad, height - pad);
  ctx.lineTo(width - pad / 2, height - pad);
  ctx.stroke();
  ctx.fillStyle = "#555";
  ctx.font = "11px sans-serif";
  ctx.fillText(max.toPrecision(3), 2, y(max) + 4);
  ctx.fillText(String(min), 2, y(min));
  ctx.fillText(`update ${values.length - 1}`, width - pad - 40, height - pad + 16);
  ctx.strokeStyle = color;
  ctx.lineWidth = 2;
  ctx.beginPath();
  values.forEach((v, i) => (i === 0 ? ctx.moveTo(x(i), y(v)) : ctx.lineTo(x(i), y(v))));
  ctx.stroke();
}

async function main(trace: TrainingTrace): Promise<void> {
  await tf.setBackend("cpu"); // same numbers on every machine, GPU or not
  const x = tf.linspace(-1, 1, 64).reshape([64, 1]);
  const y = tf.sin(x.mul(3));
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: 16, inputShape: [1], activation: "tanh", kernelInitializer: "glorotUniform" }),
      tf.layers.dense({ units: 1 }),
    ],
  });
  const optimizer = tf.train.adam(1e-3);
  model.compile({ optimizer, loss: "meanSquaredError" });
  const scheduler = createScheduler(tfjsOptimizer(optimizer), ONE_CYCLE);
  const group = scheduler.optimizer.paramGroups[0]!;
  await model.fit(x, y, {
    epochs: EPOCHS,
    batchSize: BATCH,
    verbose: 0,
    callbacks: [
      // First: it takes its step at the batch begin, so the recorder after it sees the lr of the coming update.
      lrSchedulerCallback(scheduler, { interval: "batch" }),
      {
        onBatchBegin: () => {
          trace.lrs.push(group.lr);
          trace.beta1s.push(group.betas![0]!);
        },
        onBatchEnd: (_batch: number, logs?: tf.Logs) => {
          trace.losses.push(logs!.loss!);
          drawCurve(document.getElementById("lr") as HTMLCanvasElement, trace.lrs, "#1f77b4");
          drawCurve(document.getElementById("loss") as HTMLCanvasElement, trace.losses, "#d62728");
        },
      },
    ],
  });
  const last = trace.losses.length - 1;
  document.getElementById("status")!.textContent =
    `done: ${trace.lrs.length} updates, peak lr ${Math.max(...trace.lrs).toFixed(4)}, loss ${trace.losses[0]!.toFixed(4)} -> ${trace.losses[last]!.toFixed(4)}`;
}

const trace: TrainingTrace = { lrs: [], beta1s: [], losses: [], done: false };
(globalThis as unknown as { trainingTrace: TrainingTrace }).trainingTrace = trace;
if (typeof document !== "undefined") {
  main(trace).then(
    () => void (trace.done = true),
    (error: unknown) => {
      trace.error = String(error);
      trace.done = true;
      document.getElementById("status")!.textContent = `error: ${String(error)}`;
    },
  );
}
