/**
 * What the package costs a browser bundle: `import { StepLR } from "lr-schedulers"` and the whole
 * package, bundled from dist/ by esbuild (minified, ESM, browser platform) and gzipped, against
 * budgets. Needs dist/ (`npm test` builds it first).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const DIST_ENTRY = join(ROOT, "dist", "index.js");

/**
 * Targets (issue #7): one scheduler with its validation <= 4 KB gzipped (the class, the
 * LRScheduler base with state-dict save/load, the error classes, the zod/mini parts its schema
 * uses); the whole package <= 20 KB.
 *
 * Budgets: set to the sizes measured on the current build, because the targets are not met yet and a
 * silent increase must still fail. Where the bytes go (esbuild metafile):
 * - dist/index.js is one file, so a bundler cannot drop the modules an app does not import: the
 *   classes' static `optionsSchema = z.strictObject(...)` initialisers and the `builtinFactories`
 *   table are top-level calls, kept as possible side effects (~59 KB minified of dist/index.js in the
 *   StepLR bundle). Built per module, the same import is 8.5 KB gzipped (measured from src/).
 * - `export * as schema` re-exports zod/mini's whole `z` namespace, which keeps all of zod/mini,
 *   its JSON-schema code and every locale (~90 KB gzipped of the full bundle).
 * - zod/mini's object schema alone (strictObject + custom + optional) is 4.8 KB gzipped, over
 *   the 4 KB target by itself.
 */
const BUDGET = {
  oneScheduler: 101 * 1024, // measured 102,869 B; target 4 KB
  everything: 104 * 1024, // measured 106,244 B; target 20 KB
};

async function bundle(source: string): Promise<{ gzip: number; minified: number; metafile: Metafile }> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    metafile: true,
    alias: { "lr-schedulers": DIST_ENTRY },
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { gzip: gzipSync(code, { level: 9 }).length, minified: code.length, metafile: result.metafile };
}

/** The largest inputs of a bundle, for the failure message. */
function largestInputs(metafile: Metafile): string {
  const output = Object.values(metafile.outputs)[0]!;
  return Object.entries(output.inputs)
    .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
    .slice(0, 12)
    .map(([path, { bytesInOutput }]) => `${bytesInOutput} B ${path}`)
    .join("\n");
}

describe("bundle size (esbuild, minified, gzip)", () => {
  it("dist/ is built", () => {
    expect(existsSync(DIST_ENTRY), "run npm run build (npm test does)").toBe(true);
  });

  it(`import { StepLR } stays within ${BUDGET.oneScheduler} bytes`, async () => {
    const { gzip, metafile } = await bundle(`import { StepLR } from "lr-schedulers"; globalThis.StepLR = StepLR;`);
    expect(gzip, `StepLR bundle is ${gzip} B gzipped; largest inputs:\n${largestInputs(metafile)}`).toBeLessThanOrEqual(BUDGET.oneScheduler);
  });

  it(`the whole package stays within ${BUDGET.everything} bytes`, async () => {
    const { gzip, metafile } = await bundle(`import * as all from "lr-schedulers"; globalThis.all = all;`);
    expect(gzip, `full bundle is ${gzip} B gzipped; largest inputs:\n${largestInputs(metafile)}`).toBeLessThanOrEqual(BUDGET.everything);
  });
});
