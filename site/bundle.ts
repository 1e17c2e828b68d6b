/**
 * `buildSite`: the playground as a static folder (site/dist/ by default, git-ignored): index.html,
 * playground.js (site/main.ts and uPlot bundled by esbuild, with `lr-schedulers` resolved to the
 * package's built dist/index.js, as a user's bundler resolves it) and playground.css. The examples
 * are the docs plots' own (docs/plot-configs*.json). The command is site/build.ts.
 */
import { copyFileSync, existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { readPlotConfigs } from "../scripts/plot-configs.js";

const ROOT = join(import.meta.dirname, "..");
export const SITE_DIST = join(ROOT, "site", "dist");
export const LIBRARY_ENTRY = join(ROOT, "dist", "index.js");

export interface SiteBuild {
  /** The built index.html. */
  page: string;
  /** Bytes of playground.js. */
  bytes: number;
}

/** Plot examples without function sources (a function cannot be in a link's state). */
function examples(): Record<string, unknown> {
  return Object.fromEntries(Object.entries(readPlotConfigs()).map(([type, { functions: _code, ...example }]) => [type, example]));
}

/**
 * Builds the page. @throws Error when the library's build is missing, or when anything of the
 * library's sources got into the bundle (the page must run the public build).
 */
export async function buildSite({ library = LIBRARY_ENTRY, outDir = SITE_DIST } = {}): Promise<SiteBuild> {
  if (!existsSync(library)) throw new Error(`${library} is missing: build the package first (npx tsup)`);
  mkdirSync(outDir, { recursive: true });
  const result = await build({
    entryPoints: { playground: join(ROOT, "site", "main.ts") },
    outdir: outDir,
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: "es2022",
    alias: { "lr-schedulers": resolve(library) },
    // No tsconfig: its paths map lr-schedulers to src/ for the type checker only.
    tsconfigRaw: {},
    define: { __EXAMPLES__: JSON.stringify(examples()) },
    metafile: true,
    logLevel: "warning",
  });
  const sources = Object.keys(result.metafile.inputs).filter((input) => resolve(ROOT, input).startsWith(join(ROOT, "src")));
  if (sources.length > 0) throw new Error(`the page bundled the library's sources instead of its build: ${sources.join(", ")}`);
  copyFileSync(join(ROOT, "site", "index.html"), join(outDir, "index.html"));
  const output = Object.entries(result.metafile.outputs).find(([file]) => file.endsWith("playground.js"))!;
  return { page: join(outDir, "index.html"), bytes: output[1].bytes };
}
