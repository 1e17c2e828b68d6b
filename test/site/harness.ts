/**
 * What the playground's test and speed script share: the package's public build (dist/, or the same
 * entry built by tsup into node_modules/.cache when dist/ is older than src/), the page built
 * against it, and headless Chromium (Debian's /usr/bin/chromium through playwright-core).
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";
import { chromium, type Browser, type Page } from "playwright-core";
import type { SimulateOptions, Simulation } from "lr-schedulers";
import { buildSite, LIBRARY_ENTRY } from "../../site/bundle.js";

const ROOT = join(import.meta.dirname, "..", "..");
export const CHROMIUM = "/usr/bin/chromium";
// CI installs Chromium (.ci/run); elsewhere the test runs wherever Debian's chromium is installed.
export const haveChromium = existsSync(CHROMIUM) || process.env.CI === "true";

function newestSource(dir: string): number {
  return Math.max(0, ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)));
}

/**
 * The library's public build: dist/index.js when it is newer than every source file (`npm test`
 * builds it first), else the same entry built by tsup (ESM, no types) into node_modules/.cache, so
 * that dist/ is never written here.
 */
export function publicBuild(): string {
  if (existsSync(LIBRARY_ENTRY) && statSync(LIBRARY_ENTRY).mtimeMs >= newestSource(join(ROOT, "src"))) return LIBRARY_ENTRY;
  const out = join(ROOT, "node_modules", ".cache", "lr-schedulers-site", "lib");
  const args = ["tsup", "--no-config", "src/index.ts", "--format", "esm", "--target", "es2022", "--treeshake", "--splitting", "--silent", "--out-dir", out];
  const run = spawnSync("npx", args, { cwd: ROOT, encoding: "utf8" });
  const entry = join(out, "index.js");
  if (run.status !== 0 || !existsSync(entry)) throw new Error(`building the library failed:\n${run.stderr}`);
  return entry;
}

export interface Playground {
  /** file:// URL of the built page. */
  url: string;
  /** The public build the page bundles, for `simulate` in Node. */
  library: typeof import("lr-schedulers");
  browser: Browser;
  /** The same public build as a classic script that defines `globalThis.lrSchedulers`, for `simulate` inside the page. */
  reference: string;
  close(): Promise<void>;
}

export async function startPlayground(): Promise<Playground> {
  const entry = publicBuild();
  const { page } = await buildSite({ library: entry, outDir: mkdtempSync(join(tmpdir(), "lr-schedulers-site-")) });
  const library = (await import(pathToFileURL(entry).href)) as typeof import("lr-schedulers");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const bundled = await build({ entryPoints: [entry], bundle: true, write: false, format: "iife", globalName: "lrSchedulers", platform: "browser", target: "es2022", logLevel: "silent" });
  return { url: pathToFileURL(page).href, library, browser, reference: bundled.outputFiles[0]!.text, close: () => browser.close() };
}

/**
 * `simulate(config, options)` run by the public build inside the page's own engine (Chromium's
 * Math.cos may round differently from Node's in the last bit), as a Simulation.
 */
export async function simulateInPage(playground: Playground, page: Page, config: unknown, options: SimulateOptions): Promise<Simulation> {
  if (!(await page.evaluate(() => "lrSchedulers" in globalThis))) await page.addScriptTag({ content: playground.reference });
  const sim = await page.evaluate(
    ([c, o]) => {
      const lib = (globalThis as unknown as { lrSchedulers: typeof import("lr-schedulers") }).lrSchedulers;
      const { type, steps, groups } = lib.simulate(c as never, o as SimulateOptions);
      return { type, steps, groups: groups.map((g) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, Array.from(v as Float64Array)]))) };
    },
    [config, options] as const,
  );
  return { ...sim, groups: sim.groups.map((g) => Object.fromEntries(Object.entries(g).map(([k, v]) => [k, Float64Array.from(v)])) as unknown as Simulation["groups"][number]) };
}

/** `#config=` + the state, as the page reads it. */
export const hashOf = (state: unknown): string => `#config=${encodeURIComponent(JSON.stringify(state))}`;

/** Waits until the page has run and drawn (or refused) its current state; returns the status. */
export async function settled(page: Page): Promise<string> {
  await page.waitForFunction(() => document.body.dataset.status !== "busy", undefined, { timeout: 20_000 });
  return page.evaluate(() => document.body.dataset.status!);
}

/** Opens the page with `state` in its hash (or none) and waits for it. */
export async function openPage(playground: Playground, state?: unknown, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const page = await playground.browser.newPage({ viewport });
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(playground.url + (state === undefined ? "" : hashOf(state)));
  await settled(page);
  return page;
}

export const pageErrors = (page: Page): string[] => (page as Page & { errors: string[] }).errors;
