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
 * Budgets: the measured sizes plus about 3%, so that growth fails. Measured on the new core:
 * - `import { StepLR }`: 15,007 B (was 7,948 B on the old class core). The one engine now carries, for
 *   every schedule: chaining of schedulers on one optimizer, transactional loads of our format and of the
 *   references' dialect tables under three config policies, held values, metric-driven state, and typed
 *   errors with paths and codes (src/core/engine.ts ~9.6 KB and checkpoint.ts ~8.8 KB minified); zod/mini's
 *   floor with the registry that carries the options' JSON Schema is ~4 KB of it.
 * - The whole package: 53,263 B (was 27,241 B). What each family adds over StepLR's bundle, gzipped:
 *   torch 7.5 KB, timm 7.3 KB, transformers 4.3 KB, optax 4.3 KB, megatron 3.5 KB, extensions 3.3 KB,
 *   deepspeed 3.1 KB, keras 3.0 KB, sambaflow 1.1 KB, bionemo 1.0 KB; `createScheduler` + `simulate`
 *   (every type's table) ~28 KB; `configSchema` (zod's toJSONSchema) ~34 KB over StepLR, most of it shared.
 */
const BUDGET = {
  oneScheduler: 15_500,
  everything: 55_000,
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
