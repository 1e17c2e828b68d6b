import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Examples import the package by its name, as users do; tests run them against the sources.
    alias: [
      { find: /^lr-schedulers$/, replacement: src("index.ts") },
      { find: /^lr-schedulers\/extend$/, replacement: src("extend.ts") },
      { find: /^lr-schedulers\/(.+)$/, replacement: src("adapters/$1.ts") },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    setupFiles: ["test/support/fast-check-seed.ts"],
    testTimeout: 60_000,
    // Type tests (*.test-d.ts) pin the public types; they run through tsc with the project's tsconfig.
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "./tsconfig.typecheck.json" },
  },
});
