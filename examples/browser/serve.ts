/**
 * Serves the browser example on 127.0.0.1: index.html, main.js (main.ts bundled by esbuild with the
 * library from this repo's sources) and tf.min.js from node_modules. Nothing is fetched from outside.
 * Run: npx vite-node --config vitest.config.ts examples/browser/serve.ts
 */
import { build, type Plugin } from "esbuild";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** `import ... from "@tensorflow/tfjs"` in the page (and in the adapter) reads the global `tf` of tf.min.js. */
const tfjsFromGlobal: Plugin = {
  name: "tfjs-global",
  setup(b) {
    b.onResolve({ filter: /^@tensorflow\/tfjs$/ }, () => ({ path: "tf", namespace: "tfjs-global" }));
    b.onLoad({ filter: /.*/, namespace: "tfjs-global" }, () => ({ contents: "module.exports = globalThis.tf;", loader: "js" }));
  },
};

/** Bundles main.ts; the library resolves to src/ through tsconfig.json's paths. */
export async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [here("./main.ts")],
    bundle: true,
    write: false,
    format: "iife",
    target: "es2022",
    platform: "browser",
    tsconfig: here("../../tsconfig.json"),
    plugins: [tfjsFromGlobal],
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

export interface ExampleServer {
  url: string;
  close(): Promise<void>;
}

/** Starts the server on a free port of 127.0.0.1. */
export async function serveBrowserExample(port = 0): Promise<ExampleServer> {
  const files: Record<string, { type: string; body: string | Buffer }> = {
    "/": { type: "text/html", body: await readFile(here("./index.html")) },
    "/main.js": { type: "text/javascript", body: await bundlePage() },
    "/tf.min.js": { type: "text/javascript", body: await readFile(here("../../node_modules/@tensorflow/tfjs/dist/tf.min.js")) },
  };
  const server = createServer((req, res) => {
    const file = files[req.url === "/index.html" ? "/" : (req.url ?? "/")];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": file.type }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}/`,
    close: () => new Promise<void>((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}

// Run as a script (the test imports serveBrowserExample instead).
if (typeof process !== "undefined" && !process.env.VITEST) {
  const { url } = await serveBrowserExample(Number(process.env.PORT ?? 8080));
  console.log(`Serving the TF.js example at ${url} (Ctrl+C to stop)`);
}
