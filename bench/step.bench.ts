/**
 * `npm run bench`: a guard, not a race. For every registered type it checks the speed contract of
 * `step()`: under 1 µs per step at 8 param groups, and no garbage collection over 5M steps (step()
 * allocates nothing), at 1 and at 8 groups, each in a process of its own (as in a training script),
 * and with 1 and 8 groups stepped in turn in one process. It times the built package (dist/), what
 * users run; the cases are the docs' example configs (docs/plot-configs*.json), lengthened where a
 * schedule has an end. Exits non-zero when a type breaks the contract.
 * Run with `npm run bench` (builds first, then runs this file in plain Node with `--expose-gc`
 * through scripts/run-ts.mjs); one type: `npx tsup && node scripts/run-ts.mjs --expose-gc
 * bench/step.bench.ts --case=StepLR`.
 */
import { spawnSync } from "node:child_process";
import { PerformanceObserver } from "node:perf_hooks";
import { createScheduler, knownSchedulerTypes, type LRScheduler, type Optimizer } from "../dist/index.js";
import { readPlotConfigs, simulationOf } from "../scripts/plot-configs.js";

const STEPS = 1_000_000;
const ROUNDS = 3;
const GC_STEPS = 5_000_000;
const BUDGET_NS = 1000;

/** Params for a run of millions of steps, where the docs' example ends sooner. */
const LONG_RUNS: Record<string, Record<string, unknown>> = {
  OneCycleLR: { total_steps: 100_000_000 },
};

/** Params that depend on the number of groups (one schedule per group), from the docs' example. */
const FOR_GROUPS: Record<string, (params: Record<string, unknown>, groups: number) => Record<string, unknown>> = {
  PerGroupScheduler: (params, groups) => {
    const schedules = params.schedules as unknown[];
    return { ...params, schedules: Array.from({ length: groups }, (_, i) => schedules[i % schedules.length]) };
  },
};

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("run with node --expose-gc (npm run bench does)");

function optimizer(groups: number): Optimizer {
  return {
    paramGroups: Array.from({ length: groups }, (_, i) => ({ lr: 0.1 / (i + 1), momentum: 0.9, betas: [0.9, 0.999], weightDecay: 0 })),
    defaults: { lr: 0.1, momentum: 0.9 },
  };
}

/** A deterministic, noisy, slowly improving loss, precomputed so that the timed loop only steps. */
const metrics = Float64Array.from({ length: STEPS * ROUNDS + GC_STEPS + 1 }, (_, k) => 1 / (1 + 0.001 * k) + 0.01 * Math.sin(1.7 * k));

function build(type: string, groups: number): LRScheduler {
  const { config } = simulationOf(type, readPlotConfigs()[type]!);
  const params = { ...config.params, ...LONG_RUNS[type] };
  return createScheduler(optimizer(groups), { type, params: FOR_GROUPS[type]?.(params, groups) ?? params }) as LRScheduler;
}

/** Metric-driven types that are told the time too, as timm's are: `step(epoch, metric)`. */
const TOLD_THE_TIME = new Set(["PlateauLRScheduler"]);

/** Steps `s` `n` times from step `from`, giving it the metric when it follows one. */
function run(s: LRScheduler, from: number, n: number): void {
  if (s.isClosedForm) for (let k = 0; k < n; k++) s.step();
  else if (TOLD_THE_TIME.has(s.type)) for (let k = from; k < from + n; k++) s.step(k + 1, metrics[k]!);
  else for (let k = from; k < from + n; k++) s.step(metrics[k]!);
}

/** Garbage collections while `body` runs (the observer reports them asynchronously). */
async function collections(body: () => void): Promise<number> {
  let count = 0;
  const observer = new PerformanceObserver((list) => (count += list.getEntries().length));
  gc!();
  await new Promise((resolve) => setTimeout(resolve, 10));
  observer.observe({ entryTypes: ["gc"] });
  body();
  await new Promise((resolve) => setTimeout(resolve, 20));
  observer.disconnect();
  return count;
}

interface Measured {
  ns: number;
  gcs: number;
}

/** Child mode: best-of-rounds ns/step of one type at one group count, then its collections over GC_STEPS. */
async function measure(type: string, groups: number): Promise<Measured> {
  const s = build(type, groups);
  let best = Infinity;
  let done = 0;
  for (let r = 0; r < ROUNDS; r++) {
    const start = performance.now();
    run(s, done, STEPS);
    best = Math.min(best, performance.now() - start);
    done += STEPS;
  }
  return { ns: (best * 1e6) / STEPS, gcs: await collections(() => run(s, done, GC_STEPS)) };
}

/** Child mode: a scheduler with 1 group and one with 8, stepped in turn in one process (a GAN's two optimizers, a sweep). */
async function measureMixed(type: string): Promise<number> {
  const pair = [build(type, 1), build(type, 8)];
  const round = (from: number, n: number) => {
    for (let k = from; k < from + n; k++) for (const s of pair) run(s, k, 1);
  };
  round(0, STEPS);
  return collections(() => round(STEPS, GC_STEPS / 2));
}

/** Runs this script (the compiled module Node is running) again, in child mode. */
function child(type: string, mode: string): unknown {
  const args = ["--expose-gc", process.argv[1]!, `--case=${type}`, `--mode=${mode}`];
  const out = spawnSync(process.execPath, args, { encoding: "utf8" });
  const line = out.stdout.trim().split("\n").pop() ?? "";
  try {
    if (out.status === 0) return JSON.parse(line);
  } catch {
    // reported below, with the child's output
  }
  throw new Error(`${type} ${mode}: ${out.stderr || out.stdout}`);
}

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const only = arg("case");
const mode = arg("mode");
if (only !== undefined && mode !== undefined) {
  console.log(JSON.stringify(mode === "mixed" ? await measureMixed(only) : await measure(only, Number(mode))));
} else {
  const types = only === undefined ? knownSchedulerTypes().filter((t) => t in readPlotConfigs()) : [only];
  const rows: Record<string, string | number>[] = [];
  const broken: string[] = [];
  for (const type of types) {
    let one: Measured, eight: Measured, mixed: number;
    try {
      one = child(type, "1") as Measured;
      eight = child(type, "8") as Measured;
      mixed = child(type, "mixed") as number;
    } catch (error) {
      // One type that cannot run is reported with the others, not in place of them.
      broken.push(type);
      rows.push({ type, contract: `FAILED: ${String(error).split("\n").find((line) => /Error/.test(line)) ?? error}` });
      continue;
    }
    const ok = eight.ns < BUDGET_NS && one.ns < BUDGET_NS && one.gcs + eight.gcs + mixed === 0;
    if (!ok) broken.push(type);
    rows.push({
      type,
      "ns/step 1 group": +one.ns.toFixed(1),
      "ns/step 8 groups": +eight.ns.toFixed(1),
      [`GCs in ${GC_STEPS / 1e6}M steps, 1 / 8 groups`]: `${one.gcs} / ${eight.gcs}`,
      "GCs, 1 and 8 groups in one process": mixed,
      contract: ok ? "ok" : "BROKEN",
    });
    process.stderr.write(".");
  }
  process.stderr.write("\n");
  console.table(rows);
  console.log(`${rows.length} types; ${broken.length === 0 ? "every one keeps the contract" : `${broken.length} break it: ${broken.join(", ")}`} (under ${BUDGET_NS} ns/step at 8 groups, no collection in ${GC_STEPS.toLocaleString("en")} steps).`);
  if (broken.length > 0) process.exitCode = 1;
}
