/**
 * Every TypeScript block of docs/guides/tensorflow-js.md compiles (with the project's compiler
 * options) and runs as written, imports included, against real TF.js.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..", "..");
const GUIDE = join(ROOT, "docs", "guides", "tensorflow-js.md");
// Under the repository, so that the blocks resolve its packages (test-results/ is not committed).
const DIR = join(ROOT, "test-results", "tfjs-guide-blocks");

const blocks = [...readFileSync(GUIDE, "utf8").matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!);
const files = blocks.map((_, i) => join(DIR, `block-${i + 1}.ts`));

rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });
blocks.forEach((code, i) => writeFileSync(files[i]!, code));
afterAll(() => rmSync(DIR, { recursive: true, force: true }));
afterEach(() => vi.restoreAllMocks());

describe("the TensorFlow.js guide's TypeScript blocks", () => {
  it("has blocks", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  it("compile with the project's compiler options", () => {
    const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
    const program = ts.createProgram(files, { ...config.options, noEmit: true });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file && files.includes(d.file.fileName))
      .map((d) => `${d.file!.fileName.slice(DIR.length + 1)}:${d.file!.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    expect(diagnostics).toEqual([]);
  }, 120_000);

  it.each(files.map((file, i) => [i + 1, file] as const))("block %i runs", async (_n, file) => {
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(" ")));
    await import(/* @vite-ignore */ file);
    expect(printed.length).toBeGreaterThan(0);
  });
});
