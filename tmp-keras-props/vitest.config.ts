import { defineConfig, mergeConfig } from "vitest/config";
import base from "../vitest.config.ts";
export default mergeConfig(base, defineConfig({ test: { include: ["tmp-keras-props/**/*.test.ts"], setupFiles: ["tmp-keras-props/support/fast-check-seed.ts"] } }));
