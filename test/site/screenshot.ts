/**
 * Draws the screenshot of docs/guides/playground.md: Hugging Face's cosine with warmup, DeepSpeed's
 * WarmupCosineLR and PyTorch's OneCycleLR with the same peak, the cursor at step 300.
 * Run: npx vite-node test/site/screenshot.ts
 */
import { join } from "node:path";
import { openPage, startPlayground } from "./harness.js";

const OUT = join(import.meta.dirname, "..", "..", "docs", "guides", "playground.png");

const state = {
  type: "get_cosine_schedule_with_warmup",
  params: { num_warmup_steps: 100, num_training_steps: 1000 },
  groups: [{ lr: 0.001 }],
  steps: 1000,
  compare: [
    { type: "WarmupCosineLR", params: { total_num_steps: 1000, warmup_num_steps: 100, warmup_min_ratio: 0, cos_min_ratio: 0.1 }, groups: [{ lr: 0.001 }] },
    { type: "OneCycleLR", params: { max_lr: 0.001, total_steps: 1001 }, groups: [{ lr: 0.0001, momentum: 0.9 }] },
  ],
};

const playground = await startPlayground();
try {
  const page = await openPage(playground, state, { width: 1280, height: 820 });
  const chart = (await page.locator(".u-over").first().boundingBox())!;
  await page.mouse.move(chart.x + chart.width * 0.3, chart.y + 80);
  await page.waitForTimeout(200);
  await page.screenshot({ path: OUT });
  console.log(`wrote ${OUT}`);
} finally {
  await playground.close();
}
