import { defineConfig } from "tsup";

export default defineConfig([
  {
    // `lr-schedulers/tfjs` is its own entry so that the main entry never loads TF.js.
    entry: { index: "src/index.ts", extend: "src/extend.ts", "adapters/tfjs": "src/adapters/tfjs.ts" },
    external: ["@tensorflow/tfjs"],
    format: ["esm", "cjs"],
    dts: true,
    // No source maps: they were ~1.2 MB of a ~1.5 MB tarball, and the output is readable unminified ESM/CJS.
    sourcemap: false,
    // Everything but the CLI, which the second build writes into the same folder at the same time.
    clean: ["!cli.js"],
    treeshake: true,
    target: "es2022",
    splitting: true,
  },
  {
    // The `lr-schedulers` executable: Node only, ESM, never imported by the library entry.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    platform: "node",
    target: "node20",
    sourcemap: false,
    clean: false,
    banner: { js: "#!/usr/bin/env node" },
  },
]);
