/**
 * vite-node config for the fresh processes the TF.js tests spawn: the project's aliases (the
 * library from src/), and `@tensorflow/tfjs` as Node itself resolves it (its CommonJS `main`), which
 * Node loads directly instead of vite transforming every file of its ESM build (3 s instead of 11).
 */
import { createRequire } from "node:module";
import { mergeConfig } from "vite";
import base from "../../../vitest.config.js";

const require = createRequire(import.meta.url);

export default mergeConfig(base, { resolve: { alias: [{ find: /^@tensorflow\/tfjs$/, replacement: require.resolve("@tensorflow/tfjs") }] } });
