#!/usr/bin/env node
/**
 * `node scripts/run-ts.mjs [node flags] <file.ts> [args]`: runs a TypeScript file of the project
 * (an example, a benchmark) in a plain Node process, as a user's script runs. esbuild compiles the
 * file and the sources it imports into one ES module, and Node runs it:
 * - `lr-schedulers` and its subpaths are the sources (`src/`), as an example imports them;
 * - the built package (`dist/`, which the benchmarks time) and every other package (TF.js, zod) are
 *   left to Node, so they run exactly as installed;
 * - `import.meta.url` and `import.meta.dirname` keep naming each source file's own location.
 * `npm run example -- examples/<name>.ts` runs an example this way: about a second, where a
 * transform of TF.js's ES modules would take fifteen.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("..", import.meta.url));
const argv = process.argv.slice(2);
const at = argv.findIndex((a) => !a.startsWith("-"));
if (at < 0) {
  console.error("usage: node scripts/run-ts.mjs [node flags] <file.ts> [args]  (npm run example -- examples/<name>.ts)");
  process.exit(2);
}
const [nodeFlags, file, args] = [argv.slice(0, at), argv[at], argv.slice(at + 1)];

// Inside node_modules, so that Node finds the packages the file leaves to it.
const outDir = join(root, "node_modules", ".cache", "lr-schedulers-run");
mkdirSync(outDir, { recursive: true });
const outfile = join(outDir, `${basename(file, ".ts")}-${process.pid}.mjs`);

const source = (path) => join(root, "src", path);
const dist = join(root, "dist");
await build({
  entryPoints: [file],
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
  plugins: [
    {
      name: "project-files",
      setup(b) {
        // The built package is imported from where it is, not copied into the bundle.
        b.onResolve({ filter: /\/dist\// }, (a) => {
          const path = resolve(a.resolveDir, a.path);
          return path.startsWith(dist) ? { path, external: true } : undefined;
        });
        // Each file keeps its own location (the bundle lives elsewhere).
        b.onLoad({ filter: /\.ts$/ }, (a) => {
          if (a.path.includes("node_modules")) return undefined;
          const contents = readFileSync(a.path, "utf8")
            .replaceAll("import.meta.dirname", JSON.stringify(dirname(a.path)))
            .replaceAll("import.meta.url", JSON.stringify(pathToFileURL(a.path).href));
          return { contents, loader: "ts" };
        });
      },
    },
  ],
  logLevel: "warning",
});

const run = spawnSync(process.execPath, [...nodeFlags, outfile, ...args], { stdio: "inherit" });
rmSync(outfile, { force: true });
process.exit(run.status ?? 1);
