/**
 * How fast the playground recomputes and redraws after an edit, measured in headless Chromium on
 * the built page: from the edit's run (simulate of every schedule) to the last chart drawn, as the
 * page's own `playground.timings` records it. Targets: 100k steps < 50 ms, 1M steps < 300 ms.
 * Run: npx vite-node test/site/speed.ts
 */
import { openPage, settled, startPlayground } from "./harness.js";

const EDITS = 9;

const CASES: { name: string; state: Record<string, unknown>; field: string; values: [string, string] }[] = [
  {
    name: "get_cosine_schedule_with_warmup (lr)",
    state: { type: "get_cosine_schedule_with_warmup", params: { num_warmup_steps: 1000 }, groups: [{ lr: 0.001 }] },
    field: "num_warmup_steps",
    values: ["1000", "2000"],
  },
  {
    name: "OneCycleLR (lr, momentum)",
    state: { type: "OneCycleLR", params: { max_lr: 0.01 }, groups: [{ lr: 0.001, momentum: 0.9 }] },
    field: "pct_start",
    values: ["0.3", "0.25"],
  },
  {
    name: "OptimizerParamScheduler (lr, weight decay)",
    state: {
      type: "OptimizerParamScheduler",
      params: { init_lr: 0, max_lr: 6e-4, min_lr: 6e-5, lr_warmup_steps: 1000, lr_decay_style: "cosine", start_wd: 0.01, end_wd: 0.1, wd_incr_style: "linear" },
      groups: [{ lr: 6e-4 }],
    },
    field: "lr_warmup_steps",
    values: ["1000", "2000"],
  },
];

/** The run's length options of each case, sized to `steps`. */
function sized(state: Record<string, unknown>, steps: number): Record<string, unknown> {
  const params = { ...(state.params as Record<string, unknown>) };
  if (state.type === "get_cosine_schedule_with_warmup") params.num_training_steps = steps;
  if (state.type === "OneCycleLR") params.total_steps = steps + 1;
  if (state.type === "OptimizerParamScheduler") Object.assign(params, { lr_decay_steps: steps, wd_incr_steps: steps });
  return { ...state, params, steps };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const playground = await startPlayground();
const rows: string[] = [];
try {
  for (const steps of [100_000, 1_000_000]) {
    for (const { name, state, field, values } of CASES) {
      const page = await openPage(playground, sized(state, steps));
      const runs: { simulateMs: number; drawMs: number; totalMs: number }[] = [];
      for (let k = 0; k < EDITS; k++) {
        await page.fill(`[data-path="${field}"]`, values[k % 2]!);
        if ((await settled(page)) !== "ready") throw new Error(`${name}: ${await page.textContent("#error")}`);
        runs.push(await page.evaluate(() => ({ ...(globalThis as unknown as { playground: { timings: { simulateMs: number; drawMs: number; totalMs: number } } }).playground.timings })));
      }
      const kept = runs.slice(1); // the first edit after opening also warms the JIT
      const fmt = (key: "simulateMs" | "drawMs" | "totalMs") => median(kept.map((r) => r[key])).toFixed(1);
      rows.push(`| ${steps.toLocaleString("en")} | ${name} | ${fmt("simulateMs")} | ${fmt("drawMs")} | ${fmt("totalMs")} | ${Math.min(...kept.map((r) => r.totalMs)).toFixed(1)} |`);
      console.log(rows[rows.length - 1]);
      await page.close();
    }
  }
} finally {
  await playground.close();
}
console.log(`\nmedian of ${EDITS - 1} edits (ms):\n| steps | schedule | simulate | draw | total | best total |\n| ---: | --- | ---: | ---: | ---: | ---: |\n${rows.join("\n")}`);
