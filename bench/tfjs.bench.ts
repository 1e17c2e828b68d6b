/**
 * `npm run bench`, TF.js: what a scheduler costs `model.fit` per batch, as the ratio of the time
 * with it over the time without it (a constant lr, no callback), in Node (the CPU backend) and in
 * headless Chromium (the WebGL backend; with no GPU, Chromium's software GL, SwiftShader). Target:
 * at most 1.02x for the ways the guide recommends. It times the built package (dist/), what users
 * run. Each row alternates fits with and without the scheduler; a clock on every update gives each
 * batch's wall time (from one update to the next, whatever runs between); the row reports the median,
 * over pairs of neighbouring fits, of one's median batch over the other's (a batch that other work on
 * the machine interrupted is an outlier either way), and the same median ratio of the fits' CPU time
 * (this process in Node; every Chromium process, GPU process included, from /proc). It also times the
 * scheduler's own work per update alone. For contrast, one row is a callback that only defines
 * `onBatchEnd`: tfjs-layers then reads the loss of every batch from the backend.
 * Run with `npm run bench` (builds first), or alone: npx tsup --silent && node scripts/run-ts.mjs --expose-gc bench/tfjs.bench.ts
 */
import * as tf from "@tensorflow/tfjs";
import { OneCycleLR } from "../dist/index.js";
import { lrSchedulerCallback, scheduleOptimizer, tfjsOptimizer } from "../dist/adapters/tfjs.js";

export interface BenchOptions {
  epochs: number;
  samples: number;
  batchSize: number;
  features: number;
  hidden: number;
}

type Way = "none" | "scheduleOptimizer" | "lrSchedulerCallback" | "onBatchEnd";

interface Case {
  name: string;
  optimizer: () => tf.Optimizer;
  way: Way;
}

const CASES: Case[] = [
  { name: "scheduleOptimizer, Adam + OneCycleLR (lr, beta1)", optimizer: () => tf.train.adam(1e-3), way: "scheduleOptimizer" },
  { name: 'lrSchedulerCallback "batch", Adam + OneCycleLR', optimizer: () => tf.train.adam(1e-3), way: "lrSchedulerCallback" },
  { name: "scheduleOptimizer, SGD + OneCycleLR (new lr scalar)", optimizer: () => tf.train.sgd(1e-3), way: "scheduleOptimizer" },
  { name: "contrast: onBatchEnd callback, no scheduler", optimizer: () => tf.train.adam(1e-3), way: "onBatchEnd" },
];

const oneCycle = (optimizer: tf.Optimizer, steps: number) => new OneCycleLR(tfjsOptimizer(optimizer), { maxLr: 1e-2, totalSteps: steps, cycleMomentum: optimizer.getClassName() !== "SGD" });

let data: { x: tf.Tensor; y: tf.Tensor } | undefined;

/** Makes the data set (once) and warms up kernels, shaders and the JIT with a fit of every case. */
export async function setUp(o: BenchOptions): Promise<void> {
  const x = tf.randomUniform([o.samples, o.features], -1, 1, "float32", 1);
  data = { x, y: tf.sum(x, 1, true) };
  for (let c = 0; c < CASES.length; c++) await fitOnce(c, true, { ...o, epochs: 1 });
}

/**
 * One fit of case `c`, with its scheduler or without; returns the wall time from each update to the
 * next (ms): one batch each, whatever runs between them (callbacks, the scheduler, reads).
 */
export async function fitOnce(c: number, withScheduler: boolean, o: BenchOptions): Promise<number[]> {
  const { way, optimizer: make } = CASES[c]!;
  const optimizer = make();
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
  if (withScheduler && way === "scheduleOptimizer") hook = scheduleOptimizer(optimizer, oneCycle(optimizer, batches));
  else if (withScheduler && way === "lrSchedulerCallback") callbacks.push(lrSchedulerCallback(oneCycle(optimizer, batches), { interval: "batch" }));
  else if (withScheduler && way === "onBatchEnd") callbacks.push({ onBatchEnd: () => {} });
  // A clock on every update, outermost (the same in both runs): a batch is the time from one update to the next.
  const stamps: number[] = [];
  const applyGradients = optimizer.applyGradients;
  optimizer.applyGradients = function (this: tf.Optimizer, ...a: Parameters<tf.Optimizer["applyGradients"]>) {
    stamps.push(performance.now());
    return applyGradients.apply(this, a);
  };
  // yieldEvery "never": the frame scheduler's waits (requestAnimationFrame in a page) would drown the differences timed here.
  const args = { epochs: o.epochs, batchSize: o.batchSize, shuffle: false, verbose: 0 as const, yieldEvery: "never" as const, callbacks: callbacks as never };
  (globalThis as { gc?: () => void }).gc?.(); // with node --expose-gc: no collection left over from the previous fit
  await model.fit(data!.x, data!.y, args);
  hook?.detach();
  model.dispose();
  optimizer.dispose();
  if (stamps.length !== batches) throw new Error(`expected ${batches} updates, saw ${stamps.length}`);
  return stamps.slice(1).map((t, k) => t - stamps[k]!);
}

/** The scheduler's own work per update, alone: its step (with the writes it makes) and the hook or callback call around it; µs. */
export async function ownWork(c: number): Promise<number> {
  const n = 20_000;
  const { way, optimizer: make } = CASES[c]!;
  const optimizer = make();
  const scheduler = oneCycle(optimizer, 10 * n);
  let ms = NaN;
  if (way === "scheduleOptimizer") {
    // The hook around a no-op update: what applyGradients does besides the update itself.
    const target = optimizer as unknown as { applyGradients: (g: unknown) => void };
    Object.defineProperty(target, "applyGradients", { value: () => {}, configurable: true, writable: true });
    const hook = scheduleOptimizer(optimizer, scheduler);
    const start = performance.now();
    for (let k = 0; k < n; k++) target.applyGradients({});
    ms = performance.now() - start;
    hook.detach();
  } else if (way === "lrSchedulerCallback") {
    // Through tfjs-layers' own wrapper, as model.fit calls it.
    const wrapped = new tf.CustomCallback(lrSchedulerCallback(scheduler, { interval: "batch" }) as never, "never");
    const start = performance.now();
    for (let k = 0; k < n; k++) await wrapped.onBatchBegin(k, { batch: k, size: 32 });
    ms = performance.now() - start;
  }
  optimizer.dispose();
  return (1000 * ms) / n;
}

/** Runs a fit somewhere (here or in the page) and says how long it took: each batch's wall ms, the fit's CPU ms per batch. */
type Runner = (c: number, withScheduler: boolean) => Promise<{ batches: number[]; cpu: number }>;

interface Row {
  case: string;
  "batch (ms)": string;
  "batch with/without": string;
  "fit CPU with/without": string;
  "own work/update (µs)": string;
  "own/batch": string;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

async function table(run: Runner, own: (c: number) => Promise<number>, trials: number): Promise<{ rows: Row[]; worst: { batch: number; cpu: number; own: number } }> {
  const rows: Row[] = [];
  const worst = { batch: 0, cpu: 0, own: 0 };
  for (let c = 0; c < CASES.length; c++) {
    const ratios: number[] = [];
    const cpu: number[] = [];
    const base: number[] = [];
    for (let t = 0; t < trials; t++) {
      // Alternate the order so that a slow stretch of the machine hits both sides alike.
      const first = await run(c, t % 2 === 1);
      const second = await run(c, t % 2 === 0);
      const [without, withIt] = t % 2 === 0 ? [first, second] : [second, first];
      // Each fit's median batch (a batch that other work on the machine interrupted is an outlier), compared with its neighbour's.
      ratios.push(median(withIt.batches) / median(without.batches));
      cpu.push(withIt.cpu / without.cpu);
      base.push(median(without.batches));
    }
    const ratio = median(ratios);
    const ownUs = await own(c);
    const baseMs = median(base);
    if (CASES[c]!.way !== "onBatchEnd") {
      worst.batch = Math.max(worst.batch, ratio);
      worst.cpu = Math.max(worst.cpu, median(cpu));
      worst.own = Math.max(worst.own, 1 + ownUs / 1000 / baseMs);
    }
    rows.push({
      case: CASES[c]!.name,
      "batch (ms)": baseMs.toFixed(2),
      "batch with/without": `${ratio.toFixed(3)}x`,
      "fit CPU with/without": `${median(cpu).toFixed(3)}x`,
      "own work/update (µs)": Number.isNaN(ownUs) ? "-" : ownUs.toFixed(2),
      "own/batch": Number.isNaN(ownUs) ? "-" : `${((100 * ownUs) / 1000 / baseMs).toFixed(3)}%`,
    });
  }
  return { rows, worst };
}

/** The CPU time (ms) of every descendant of process `root` (not `root` itself), from /proc (Linux). */
async function descendantsCpuMs(root: number): Promise<number> {
  const { readdirSync, readFileSync } = await import("node:fs");
  const stats = new Map<number, { ppid: number; ticks: number }>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      stats.set(Number(entry), { ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // the process ended meanwhile
    }
  }
  let ticks = 0;
  const inTree = (pid: number): boolean => {
    for (let p = pid, hops = 0; p > 1 && hops < 64; p = stats.get(p)?.ppid ?? 0, hops++) if (p === root) return true;
    return false;
  };
  for (const [pid, s] of stats) if (pid !== root && inTree(pid)) ticks += s.ticks;
  return (ticks * 1000) / 100; // USER_HZ is 100 on Linux
}

/** Drives measure() in headless Chromium on WebGL: this file bundled by esbuild, TF.js from tf.min.js, served on 127.0.0.1. */
async function inChromium(o: BenchOptions, trials: number): Promise<void> {
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
    return;
  }
  const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
  const bundle = await build({
    stdin: { contents: 'import * as bench from "./tfjs.bench.ts"; globalThis.bench = bench;', resolveDir: here("."), loader: "ts" },
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
  type Page = { tf: typeof tf; bench: { setUp: typeof setUp; fitOnce: typeof fitOnce; ownWork: typeof ownWork } };
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => (globalThis as unknown as Partial<Page>).bench !== undefined);
    const { backend, renderer } = await page.evaluate(async (options) => {
      const g = globalThis as unknown as Page;
      await g.tf.setBackend("webgl").catch(() => false);
      if (g.tf.getBackend() !== "webgl") await g.tf.setBackend("cpu");
      await g.tf.ready();
      const gl = document.createElement("canvas").getContext("webgl2");
      const info = gl?.getExtension("WEBGL_debug_renderer_info");
      const renderer = gl ? String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER)) : "no WebGL";
      await g.bench.setUp(options);
      return { backend: g.tf.getBackend(), renderer };
    }, o);
    // Chromium's processes (browser, renderer, GPU) are this process's descendants.
    const batches = o.epochs * Math.ceil(o.samples / o.batchSize);
    const run: Runner = async (c, withScheduler) => {
      const before = await descendantsCpuMs(process.pid);
      const times = await page.evaluate(([i, w, options]) => (globalThis as unknown as Page).bench.fitOnce(i, w, options), [c, withScheduler, o] as const);
      const after = await descendantsCpuMs(process.pid);
      return { batches: times, cpu: (after - before) / batches };
    };
    const own = (c: number) => page.evaluate((i) => (globalThis as unknown as Page).bench.ownWork(i), c);
    const { rows, worst } = await table(run, own, trials);
    console.log(`\nheadless Chromium, backend ${backend} (${renderer})`);
    console.table(rows);
    summary(worst);
  } finally {
    await browser.close();
    server.close();
  }
}

function summary(worst: { batch: number; cpu: number; own: number }): void {
  console.log(`scheduler ways, worst: median batch ${worst.batch.toFixed(3)}x, fit CPU ${worst.cpu.toFixed(3)}x; their own work adds ${worst.own.toFixed(4)}x to a batch (target <= 1.02x)`);
}

async function main(): Promise<void> {
  const { loadavg, cpus } = await import("node:os");
  // Short fits, many pairs: neighbouring fits see the same load on the machine.
  const options: BenchOptions = { epochs: 2, samples: 1024, batchSize: 32, features: 32, hidden: 64 };
  const trials = 21;
  const batches = options.epochs * Math.ceil(options.samples / options.batchSize);
  console.log(`TF.js ${tf.version.tfjs}; model.fit of an MLP ${options.features}-${options.hidden}-${options.hidden}-1, ${batches} batches of ${options.batchSize}; ${trials} pairs of fits per row`);
  console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (times move with the load)`);
  await tf.setBackend("cpu");
  await setUp(options);
  const run: Runner = async (c, withScheduler) => {
    const before = process.cpuUsage();
    const times = await fitOnce(c, withScheduler, options);
    const used = process.cpuUsage(before);
    return { batches: times, cpu: (used.user + used.system) / 1000 / batches };
  };
  const { rows, worst } = await table(run, ownWork, trials);
  console.log(`\nNode ${process.version}, backend ${tf.getBackend()}`);
  console.table(rows);
  summary(worst);
  await inChromium(options, trials);
}

if (typeof window === "undefined") await main();
