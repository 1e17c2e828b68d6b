/**
 * `npm run bench`, TF.js: what a scheduler costs `model.fit`, per batch, as the ratio of the wall
 * time with it over the time without it (a constant lr, no callback), in Node (the CPU backend) and
 * in headless Chromium (the WebGL backend: Chromium's software GL, SwiftShader, where no GPU is).
 * Target: at most 1.02x for the ways the guide recommends. It times the built package (dist/), what
 * users run. Each row alternates runs with and without the scheduler and reports the median ratio
 * of neighbouring runs, with the lowest and highest. For contrast, one row is a callback that only
 * defines `onBatchEnd`: tfjs-layers then reads the loss of every batch from the backend.
 * Run with `npm run bench` (builds first), or alone: npx tsup --silent && node --expose-gc node_modules/vite-node/vite-node.mjs bench/tfjs.bench.ts
 */
import * as tf from "@tensorflow/tfjs";
import { createScheduler } from "../dist/index.js";
import { lrSchedulerCallback, scheduleOptimizer, tfjsOptimizer } from "../dist/adapters/tfjs.js";

export interface BenchOptions {
  trials: number;
  epochs: number;
  samples: number;
  batchSize: number;
  features: number;
  hidden: number;
}

export interface BenchRow {
  name: string;
  /** Median of (time with) / (time without), neighbouring runs paired. */
  ratio: number;
  low: number;
  high: number;
  /** Median per-batch wall time without the scheduler, ms. */
  baseMs: number;
}

type Way = "none" | "scheduleOptimizer" | "lrSchedulerCallback" | "onBatchEnd";

interface Case {
  name: string;
  optimizer: () => tf.Optimizer;
  way: Way;
}

const CASES: Case[] = [
  { name: "scheduleOptimizer, Adam + OneCycleLR (lr and beta1 every update)", optimizer: () => tf.train.adam(1e-3), way: "scheduleOptimizer" },
  { name: 'lrSchedulerCallback "batch", Adam + OneCycleLR', optimizer: () => tf.train.adam(1e-3), way: "lrSchedulerCallback" },
  { name: "scheduleOptimizer, SGD + OneCycleLR (a new lr scalar every update)", optimizer: () => tf.train.sgd(1e-3), way: "scheduleOptimizer" },
  { name: "for contrast: a callback with onBatchEnd, Adam, no scheduler", optimizer: () => tf.train.adam(1e-3), way: "onBatchEnd" },
];

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

/** One fit; returns the wall time per batch (ms). */
async function fitOnce(c: Case, way: Way, x: tf.Tensor, y: tf.Tensor, o: BenchOptions): Promise<number> {
  const optimizer = c.optimizer();
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ units: o.hidden, inputShape: [o.features], activation: "relu" }),
      tf.layers.dense({ units: o.hidden, activation: "relu" }),
      tf.layers.dense({ units: 1 }),
    ],
  });
  model.compile({ optimizer, loss: "meanSquaredError" });
  const batches = o.epochs * Math.ceil(o.samples / o.batchSize);
  const callbacks: object[] = [];
  let hook: { detach(): void } | undefined;
  if (way === "scheduleOptimizer" || way === "lrSchedulerCallback") {
    const params = { max_lr: 1e-2, total_steps: batches, cycle_momentum: optimizer.getClassName() !== "SGD" };
    const scheduler = createScheduler(tfjsOptimizer(optimizer), { type: "OneCycleLR", params });
    if (way === "scheduleOptimizer") hook = scheduleOptimizer(optimizer, scheduler);
    else callbacks.push(lrSchedulerCallback(scheduler, { interval: "batch" }));
  } else if (way === "onBatchEnd") callbacks.push({ onBatchEnd: () => {} });
  // yieldEvery "never": the frame scheduler's waits (requestAnimationFrame in a page) would drown the differences timed here.
  const args = { epochs: o.epochs, batchSize: o.batchSize, shuffle: false, verbose: 0 as const, yieldEvery: "never" as const, callbacks: callbacks as never };
  (globalThis as { gc?: () => void }).gc?.(); // with node --expose-gc: no collection left over from the previous run
  const start = performance.now();
  await model.fit(x, y, args);
  const ms = performance.now() - start;
  hook?.detach();
  model.dispose();
  optimizer.dispose();
  return ms / batches;
}

/** Times every case, with and without, on the current backend. */
export async function measure(o: BenchOptions): Promise<BenchRow[]> {
  const x = tf.randomUniform([o.samples, o.features], -1, 1, "float32", 1);
  const y = tf.sum(x, 1, true);
  // Warm up: kernels, shaders, the JIT.
  for (const c of CASES) await fitOnce(c, c.way, x, y, { ...o, epochs: 1 });
  const rows: BenchRow[] = [];
  for (const c of CASES) {
    const base: number[] = [];
    const withIt: number[] = [];
    for (let t = 0; t < o.trials; t++) {
      // Alternate the order so that a slow stretch of the machine hits both sides alike.
      if (t % 2 === 0) {
        base.push(await fitOnce(c, "none", x, y, o));
        withIt.push(await fitOnce(c, c.way, x, y, o));
      } else {
        withIt.push(await fitOnce(c, c.way, x, y, o));
        base.push(await fitOnce(c, "none", x, y, o));
      }
    }
    const ratios = withIt.map((w, t) => w / base[t]!);
    rows.push({ name: c.name, ratio: median(ratios), low: Math.min(...ratios), high: Math.max(...ratios), baseMs: median(base) });
  }
  tf.dispose([x, y]);
  return rows;
}

function print(title: string, rows: BenchRow[]): void {
  console.log(`\n${title}`);
  console.table(
    rows.map((r) => ({
      case: r.name,
      "per batch without (ms)": r.baseMs.toFixed(3),
      "with / without": `${r.ratio.toFixed(3)}x`,
      "lowest..highest": `${r.low.toFixed(3)}..${r.high.toFixed(3)}`,
    })),
  );
}

/** The same measure() in headless Chromium, on WebGL: this file bundled by esbuild, TF.js from tf.min.js, served on 127.0.0.1. */
async function inChromium(o: BenchOptions): Promise<{ backend: string; renderer: string; rows: BenchRow[] } | undefined> {
  const chromiumPath = "/usr/bin/chromium";
  const [{ existsSync, readFileSync }, { createServer }, { fileURLToPath }, { build }, { chromium }] = await Promise.all([
    import("node:fs"),
    import("node:http"),
    import("node:url"),
    import("esbuild"),
    import("playwright-core"),
  ]);
  if (!existsSync(chromiumPath)) {
    console.log(`\nheadless Chromium: skipped (${chromiumPath} is not installed)`);
    return undefined;
  }
  const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  const bundle = await build({
    stdin: { contents: 'import { measure } from "./tfjs.bench.ts"; globalThis.benchMeasure = measure;', resolveDir: here("."), loader: "ts" },
    bundle: true,
    write: false,
    format: "esm",
    target: "es2022",
    platform: "browser",
    external: ["node:*", "esbuild", "playwright-core"],
    plugins: [
      {
        name: "tfjs-global",
        setup(b) {
          b.onResolve({ filter: /^@tensorflow\/tfjs$/ }, () => ({ path: "tf", namespace: "tfjs-global" }));
          b.onLoad({ filter: /.*/, namespace: "tfjs-global" }, () => ({ contents: "module.exports = globalThis.tf;", loader: "js" }));
        },
      },
    ],
    logLevel: "silent",
  });
  const files: Record<string, string | Buffer> = {
    "/": '<!doctype html><meta charset="utf-8"><title>lr-schedulers TF.js bench</title><script src="/tf.min.js"></script><script type="module" src="/bench.js"></script>',
    "/bench.js": bundle.outputFiles[0]!.text,
    "/tf.min.js": readFileSync(here("../node_modules/@tensorflow/tfjs/dist/tf.min.js")),
  };
  const server = createServer((req, res) => {
    const body = files[req.url ?? "/"];
    if (body === undefined) res.writeHead(404).end();
    else res.writeHead(200, { "content-type": req.url === "/" ? "text/html" : "text/javascript" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: ["--no-sandbox", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update"] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    return await page.evaluate(async (options) => {
      const g = globalThis as unknown as { tf: typeof tf; benchMeasure: typeof measure };
      await g.tf.setBackend("webgl").catch(() => false);
      if (g.tf.getBackend() !== "webgl") await g.tf.setBackend("cpu");
      await g.tf.ready();
      const gl = document.createElement("canvas").getContext("webgl2");
      const info = gl?.getExtension("WEBGL_debug_renderer_info");
      const renderer = gl ? String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : "no WebGL";
      return { backend: g.tf.getBackend(), renderer, rows: await g.benchMeasure(options) };
    }, o);
  } finally {
    await browser.close();
    server.close();
  }
}

async function main(): Promise<void> {
  const options: BenchOptions = { trials: 15, epochs: 2, samples: 1024, batchSize: 32, features: 32, hidden: 64 };
  await tf.setBackend("cpu");
  const node = await measure(options);
  print(`Node ${process.version}, TF.js ${tf.version.tfjs}, backend ${tf.getBackend()}: model.fit, ${options.samples / options.batchSize} batches of ${options.batchSize} per epoch, MLP ${options.features}-${options.hidden}-${options.hidden}-1`, node);
  const page = await inChromium(options);
  if (page) print(`headless Chromium, backend ${page.backend} (${page.renderer})`, page.rows);
  const recommended = [...node, ...(page?.rows ?? [])].filter((r) => !r.name.startsWith("for contrast"));
  const worst = Math.max(...recommended.map((r) => r.ratio));
  console.log(`\nworst median ratio of the scheduler ways: ${worst.toFixed(3)}x (target <= 1.02x)${worst <= 1.02 ? "" : "  ABOVE TARGET"}`);
}

if (typeof window === "undefined") await main();
