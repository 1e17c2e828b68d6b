/**
 * Nanoseconds per `step()` of every registered scheduler, with 1 and 8 param groups, next to the
 * hand-inlined floor of the same schedule (bench/floors.ts) timed in the same process, as a ratio;
 * then the garbage collections seen over millions of steps (0 means step() allocates nothing).
 * Each schedule and group count runs in a process of its own, so that the JIT sees one scheduler
 * class, one set of groups and one floor, as in a training script (in one shared process every
 * call site would be megamorphic). It times the built package (dist/), what users run.
 * Run with `npm run bench` (builds first; needs `node --expose-gc`, which the script passes).
 */
import { spawnSync } from "node:child_process";
import { PerformanceObserver } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createScheduler, knownSchedulerTypes, type LRScheduler, type Optimizer } from "../dist/index.js";
import { BENCH_CASES, metricAt, type BenchCase } from "./floors.js";

const STEPS = 1_000_000;
const ROUNDS = 3;
const GC_STEPS = 5_000_000;
const TARGET_RATIO = 1.5;

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc (npm run bench does)");

function optimizer(groups: number): Optimizer {
  return { paramGroups: Array.from({ length: groups }, (_, i) => ({ lr: 0.1 / (i + 1), momentum: 0.9, betas: [0.9, 0.999], weightDecay: 0 })), defaults: { lr: 0.1 } };
}

function build(c: BenchCase, groups: number): { opt: Optimizer; scheduler: LRScheduler; metrics: Float64Array | undefined } {
  const opt = optimizer(groups);
  const scheduler = createScheduler(opt, { type: c.type, params: c.params });
  // Precomputed, so that the timed loop only steps.
  const metrics = c.metric ? new Float64Array(STEPS * ROUNDS + GC_STEPS + 1).map((_, t) => metricAt(t + 1)) : undefined;
  return { opt, scheduler, metrics };
}

/** Time of `n` steps of the scheduler, from step `from`. */
function runScheduler(s: LRScheduler, metrics: Float64Array | undefined, from: number, n: number): number {
  const start = performance.now();
  if (metrics) for (let k = from; k < from + n; k++) s.step(metrics[k]!);
  else for (let k = 0; k < n; k++) s.step();
  return performance.now() - start;
}

/** Time of `n` steps of the floor: the inlined schedule written into the groups. */
function runFloor(c: BenchCase, opt: Optimizer, bases: Float64Array, from: number, n: number): number {
  const groups = opt.paramGroups;
  const start = performance.now();
  const { lr, loop } = c.floor;
  if (loop) loop(groups, bases, from, n);
  else if (lr) for (let t = from + 1; t <= from + n; t++) for (let i = 0; i < groups.length; i++) groups[i]!.lr = lr(t, bases[i]!);
  return performance.now() - start;
}

/** Best-of-rounds ns/step of the scheduler and of its floor, and whether the floor computes the same lrs. */
function measure(c: BenchCase, groups: number) {
  const { opt, scheduler, metrics } = build(c, groups);
  const floorOpt = optimizer(groups);
  const bases = Float64Array.from(scheduler.baseLrs);
  floorOpt.paramGroups.forEach((g, i) => (g.lr = opt.paramGroups[i]!.lr));
  let best = Infinity;
  let bestFloor = Infinity;
  let done = 0;
  for (let r = 0; r < ROUNDS; r++) {
    best = Math.min(best, runScheduler(scheduler, metrics, done, STEPS));
    bestFloor = Math.min(bestFloor, runFloor(c, floorOpt, bases, done, STEPS));
    done += STEPS;
  }
  const same = opt.paramGroups.every((g, i) => Math.abs(g.lr - floorOpt.paramGroups[i]!.lr) <= 1e-9 * Math.max(Math.abs(g.lr), 1e-300) + 1e-300);
  return { ns: (best * 1e6) / STEPS, floorNs: (bestFloor * 1e6) / STEPS, same, scheduler, metrics, done };
}

/** Garbage collections while `run` steps (the observer reports them asynchronously), and the heap's growth. */
async function collections(run: () => void): Promise<{ count: number; heapDelta: number }> {
  let count = 0;
  const observer = new PerformanceObserver((list) => (count += list.getEntries().length));
  gc!();
  await new Promise((resolve) => setTimeout(resolve, 10));
  observer.observe({ entryTypes: ["gc"] });
  const heapBefore = process.memoryUsage().heapUsed;
  run();
  const heapDelta = process.memoryUsage().heapUsed - heapBefore;
  await new Promise((resolve) => setTimeout(resolve, 20));
  observer.disconnect();
  return { count, heapDelta };
}

/** Child mode: one case with one group count, then its allocation window. */
async function measureGroups(c: BenchCase, groups: number): Promise<Measured> {
  const m = measure(c, groups);
  const { count, heapDelta } = await collections(() => runScheduler(m.scheduler, m.metrics, m.done, GC_STEPS));
  return { ns: m.ns, floorNs: m.floorNs, gcs: count, heapDelta, same: m.same };
}

/**
 * Child mode `--mixed=1,8`: one scheduler of the case per group count, stepped in turn in one
 * process (a GAN's two optimizers, a sweep over models), as V8 then compiles both the one-group
 * and the several-group path of the class into the same call site. Returns the collections seen
 * during `GC_STEPS` rounds after warming up.
 */
async function measureMixed(c: BenchCase, counts: number[]): Promise<number> {
  const built = counts.map((n) => build(c, n));
  const round = (from: number, n: number) => {
    for (let k = from; k < from + n; k++) for (const b of built) (b.metrics ? b.scheduler.step(b.metrics[k]!) : b.scheduler.step());
  };
  round(0, STEPS);
  return (await collections(() => round(STEPS, GC_STEPS / 2))).count;
}

interface Measured {
  ns: number;
  floorNs: number;
  gcs: number;
  heapDelta: number;
  same: boolean;
}

interface Row {
  type: string;
  one: [number, number];
  eight: [number, number];
  /** Garbage collections in the allocation window, with 1 and with 8 groups. */
  gcs: [number, number];
  heapDelta: number;
  same: boolean;
}

const CASE_FLAG = "--case=";
const GROUPS_FLAG = "--groups=";
const MIXED_FLAG = "--mixed=";
/** The group counts stepped together in one process by the mixed allocation check. */
const MIXED_COUNTS = "1,8";
const MIXED_LABEL = `${MIXED_COUNTS.replace(",", " and ")} groups`;
const VITE_NODE = fileURLToPath(new URL("../node_modules/vite-node/vite-node.mjs", import.meta.url));

/**
 * Each (schedule, group count) runs in a process of its own, as in a training script: the JIT sees
 * one scheduler class stepping one set of groups, and one floor. (One process stepping the same
 * class with 1 and with 8 groups compiles differently: `--mixed` measures that; see docs/performance.md.)
 * Runs this script in child mode with `flag` and returns the JSON value of its last line.
 */
function spawnChild(type: string, flag: string): unknown {
  const args = ["--expose-gc", VITE_NODE, fileURLToPath(import.meta.url), "--", `${CASE_FLAG}${type}`, flag];
  const child = spawnSync(process.execPath, args, { encoding: "utf8" });
  const line = child.stdout.trim().split("\n").pop() ?? "";
  try {
    if (child.status === 0) return JSON.parse(line);
  } catch {
    // reported below, with the child's output
  }
  throw new Error(`${type} ${flag}: ${child.stderr || child.stdout}`);
}

const spawnMeasure = (type: string, groups: number) => spawnChild(type, `${GROUPS_FLAG}${groups}`) as Measured;
const spawnMixed = (type: string) => spawnChild(type, `${MIXED_FLAG}${MIXED_COUNTS}`) as number;

function measureRow(type: string): Row {
  const one = spawnMeasure(type, 1);
  const eight = spawnMeasure(type, 8);
  return {
    type,
    one: [one.ns, one.floorNs],
    eight: [eight.ns, eight.floorNs],
    gcs: [one.gcs, eight.gcs],
    heapDelta: Math.max(one.heapDelta, eight.heapDelta),
    same: one.same && eight.same,
  };
}

const only = process.argv.find((a) => a.startsWith(CASE_FLAG))?.slice(CASE_FLAG.length);
const groupsArg = process.argv.find((a) => a.startsWith(GROUPS_FLAG))?.slice(GROUPS_FLAG.length);
const mixedArg = process.argv.find((a) => a.startsWith(MIXED_FLAG))?.slice(MIXED_FLAG.length);
if (only !== undefined) {
  const c = BENCH_CASES.find((b) => b.type === only);
  if (!c) throw new Error(`no benchmark case ${only}`);
  if (mixedArg !== undefined) console.log(await measureMixed(c, mixedArg.split(",").map(Number)));
  else console.log(JSON.stringify(groupsArg === undefined ? measureRow(c.type) : await measureGroups(c, Number(groupsArg))));
} else {
  const missing = knownSchedulerTypes().filter((t) => !BENCH_CASES.some((c) => c.type === t));
  if (missing.length > 0) console.warn(`No benchmark case (bench/floors.ts) for: ${missing.join(", ")}`);
  const rows: Record<string, string | number>[] = [];
  let over = 0;
  let allocating = 0;
  const mixedAllocating: string[] = [];
  for (const c of BENCH_CASES) {
    const row = measureRow(c.type);
    const mixed = spawnMixed(c.type);
    if (mixed > 0) mixedAllocating.push(c.type);
    const r1 = row.one[0] / row.one[1];
    const r8 = row.eight[0] / row.eight[1];
    if (Math.max(r1, r8) > TARGET_RATIO) over++;
    if (row.gcs[0] + row.gcs[1] > 0) allocating++;
    rows.push({
      type: c.type,
      "ns/step 1 group": +row.one[0].toFixed(1),
      "floor 1": +row.one[1].toFixed(1),
      "ratio 1": +r1.toFixed(2),
      "ns/step 8 groups": +row.eight[0].toFixed(1),
      "floor 8": +row.eight[1].toFixed(1),
      "ratio 8": +r8.toFixed(2),
      [`GCs in ${GC_STEPS / 1e6}M steps, 1 / 8 groups`]: row.gcs.join(" / "),
      [`GCs, ${MIXED_LABEL} in one process`]: mixed,
      "heap Δ KB": Math.round(row.heapDelta / 1024),
      "floor = schedule": row.same ? "yes" : "NO",
    });
    process.stderr.write(".");
  }
  process.stderr.write("\n");
  console.table(rows);
  console.log(`${rows.length} schedulers; ${over} above ${TARGET_RATIO}x their floor; ${allocating} with garbage collections during ${GC_STEPS.toLocaleString("en")} steps.`);
  console.log(
    `With ${MIXED_LABEL} stepped in one process: ${mixedAllocating.length === 0 ? "none allocates" : `${mixedAllocating.length} allocate (${mixedAllocating.join(", ")})`}.`,
  );
}
