import { defineConfig } from "tsup";

export default defineConfig([
  {
    // `lr-schedulers/tfjs` is its own entry so that the main entry never loads TF.js.
    entry: { index: "src/index.ts", "adapters/tfjs": "src/adapters/tfjs.ts" },
    external: ["@tensorflow/tfjs"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    // Everything but the CLI, which the second build writes into the same folder at the same time.
    clean: ["!cli.js", "!cli.js.map"],
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
    sourcemap: true,
    clean: false,
    banner: { js: "#!/usr/bin/env node" },
  },
]);
