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
 * Targets: one scheduler with its validation <= 4 KB gzipped (the class, the LRScheduler base with
 * state-dict save/load, the error classes, the zod/mini parts its schema uses); the whole package <= 20 KB.
 *
 * Budgets: the sizes measured on the current build plus a few percent, because the targets are not
 * met yet and a silent increase must still fail. Where the bytes go (esbuild metafile):
 * - Tree-shaking works: option schemas are built lazily (`lazySchema`) and the createScheduler table
 *   on first use, so `import { StepLR }` keeps StepLR, its base classes and the core only
 *   (~11.5 KB minified of dist/index.js).
 * - zod/mini's object schema, custom checks and error machinery are ~11.6 KB minified (~4.5 KB
 *   gzipped) of the StepLR bundle: the 4 KB target needs a lighter validation layer than zod/mini.
 * - The whole package is ~45 schedulers, the composites, the CLI-free core and zod/mini.
 */
const BUDGET = {
  oneScheduler: 9.5 * 1024, // measured 9,163 B; target 4 KB (zod/mini alone is ~4.5 KB)
  everything: 26.5 * 1024, // measured 25,819 B; target 20 KB
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
