#!/usr/bin/env node
/**
 * `npm run example -- examples/<name>.ts`: runs one example against the sources, as a user's script
 * runs against the package. esbuild compiles the example and the sources it imports (by the package's
 * name, `lr-schedulers` and its subpaths) into one ES module, leaving every other package (TF.js,
 * zod) to Node, and Node runs it: about a second, where a transform of TF.js's ES modules would take
 * fifteen.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const [example, ...args] = process.argv.slice(2);
if (example === undefined) {
  console.error("usage: npm run example -- examples/<name>.ts [args]");
  process.exit(2);
}

// Inside node_modules, so that Node finds the packages the example leaves to it.
const outDir = join(root, "node_modules", ".cache", "lr-schedulers-examples");
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, `${basename(example, ".ts")}-${process.pid}.mjs`);

const source = (path) => join(root, "src", path);
await build({
  entryPoints: [example],
  outfile,
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  alias: {
    "lr-schedulers": source("index.ts"),
    "lr-schedulers/extend": source("extend.ts"),
    "lr-schedulers/tfjs": source("adapters/tfjs.ts"),
  },
  logLevel: "warning",
});

const run = spawnSync(process.execPath, [outfile, ...args], { stdio: "inherit" });
rmSync(outfile, { force: true });
process.exit(run.status ?? 1);
