/**
 * End to end in a real browser: the example page trains a TF.js model with OneCycleLR in headless
 * Chromium (Debian's /usr/bin/chromium driven by playwright-core), served from 127.0.0.1.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScheduler } from "lr-schedulers";
import { ONE_CYCLE, type TrainingTrace } from "../../../examples/browser/main.js";
import { serveBrowserExample, type ExampleServer } from "../../../examples/browser/serve.js";

const CHROMIUM = "/usr/bin/chromium";
const SCREENSHOT = join(process.cwd(), "test-results", "tfjs-browser-onecycle.png");
// CI installs Chromium (.ci/run); elsewhere the test runs wherever Debian's chromium is installed.
const haveChromium = existsSync(CHROMIUM) || process.env.CI === "true";

describe.skipIf(!haveChromium)("the TF.js browser example in headless Chromium", () => {
  let server: ExampleServer;
  let profile: string;
  beforeAll(async () => {
    server = await serveBrowserExample();
    profile = mkdtempSync(join(tmpdir(), "lr-schedulers-chromium-"));
  });
  afterAll(async () => {
    await server?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("trains with the OneCycle lr of every update and draws the curves", async () => {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
      viewport: { width: 960, height: 420 },
    });
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      const pageErrors: string[] = [];
      page.on("pageerror", (e) => pageErrors.push(String(e)));
      await page.goto(server.url);
      await page.waitForFunction(() => (globalThis as unknown as { trainingTrace?: TrainingTrace }).trainingTrace?.done === true, undefined, { timeout: 30_000 });
      const trace = await page.evaluate(() => (globalThis as unknown as { trainingTrace: TrainingTrace }).trainingTrace);
      expect(trace.error).toBeUndefined();
      expect(pageErrors).toEqual([]);

      // The same schedule computed here in Node, from the closed form.
      const reference = createScheduler({ paramGroups: [{ lr: 1e-3, betas: [0.9, 0.999] }], defaults: { lr: 1e-3, betas: [0.9, 0.999] } }, ONE_CYCLE);
      const expectedLrs = Array.from({ length: 40 }, (_, t) => reference.scheduleAt(0, t));
      // Chromium's V8 and Node's may round Math.cos in the last bit, so compare to 1e-14 relative.
      expect(trace.lrs).toHaveLength(40);
      trace.lrs.forEach((lr, t) => expect(Math.abs(lr - expectedLrs[t]!)).toBeLessThanOrEqual(1e-14 * expectedLrs[t]!));
      expect(Math.max(...trace.lrs)).toBeCloseTo(0.05, 3);
      expect(trace.beta1s[0]).toBeCloseTo(0.95, 12);
      expect(Math.min(...trace.beta1s)).toBeCloseTo(0.85, 2);
      expect(trace.losses).toHaveLength(40);
      expect(trace.losses.every(Number.isFinite)).toBe(true);
      expect(await page.textContent("#status")).toMatch(/^done: 40 updates, peak lr 0\.05/);

      mkdirSync(join(process.cwd(), "test-results"), { recursive: true });
      await page.screenshot({ path: SCREENSHOT });
      expect(existsSync(SCREENSHOT)).toBe(true);
    } finally {
      await context.close();
    }
  });
});
