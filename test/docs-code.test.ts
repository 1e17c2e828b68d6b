/**
 * Every TypeScript block in the README and docs/ compiles and runs as written (imports included):
 * the blocks are written out into test/.docs-blocks/ (git-ignored), typechecked together by one tsc
 * run with the project's settings, and each is imported (run) with its console output captured, in a
 * scratch directory. A block fenced as ```ts <path> shows a file of the repository and must equal it.
 * The same tsc run checks that every type createScheduler knows is a compile-time `SchedulerType`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { knownSchedulerTypes } from "../src/index.js";

const ROOT = join(import.meta.dirname, "..");
const OUT = join(ROOT, "test", ".docs-blocks");

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === "api" ? [] : pages(join(dir, e.name))) : e.name.endsWith(".md") ? [join(dir, e.name)] : [],
  );
}

interface Block {
  file: string;
  page: string;
  code: string;
  shows?: string;
}

const blocks: Block[] = [];
for (const page of [join(ROOT, "README.md"), ...pages(join(ROOT, "docs"))]) {
  for (const m of readFileSync(page, "utf8").matchAll(/```ts( [^\n]+)?\n([\s\S]*?)```/g)) {
    const name = `b${String(blocks.length).padStart(3, "0")}.ts`;
    blocks.push({ file: join(OUT, name), page: relative(ROOT, page), code: m[2]!, shows: m[1]?.trim() });
  }
}
const runnable = blocks.filter((b) => b.shows === undefined);

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "tsconfig.json"), JSON.stringify({ extends: "../../tsconfig.json", compilerOptions: { noEmit: true }, include: ["*.ts"] }));
for (const b of runnable) writeFileSync(b.file, `// ${b.page}\n${b.code}\nexport {};\n`);
writeFileSync(
  join(OUT, "scheduler-types.ts"),
  `import type { SchedulerType } from "../../src/index.js";\nexport const names: SchedulerType[] = ${JSON.stringify(knownSchedulerTypes())};\n`,
);

afterAll(() => rmSync(OUT, { recursive: true, force: true }));

describe("the docs' code", () => {
  it("has blocks to check", () => {
    expect(runnable.length).toBeGreaterThan(50);
  });

  it("typechecks, and every registered type is a compile-time SchedulerType", () => {
    let output = "";
    try {
      execFileSync(process.execPath, [join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", join(OUT, "tsconfig.json")], { encoding: "utf8" });
    } catch (error) {
      output = (error as { stdout?: string }).stdout ?? String(error);
    }
    const named = output.replace(/test\/\.docs-blocks\/(b\d+\.ts)/g, (_m, file: string) => `${runnable.find((b) => b.file.endsWith(file))?.page ?? file} (${file})`);
    expect(named).toBe("");
  }, 120_000);

  it.each(blocks.filter((b) => b.shows !== undefined).map((b) => [b.page, b.shows!, b] as const))("%s shows %s as it is", (_page, path, b) => {
    expect(b.code).toBe(readFileSync(join(ROOT, path), "utf8"));
  });

  it.each(runnable.map((b) => [b.page, relative(ROOT, b.file), b] as const))("%s: %s runs", async (_page, _file, b) => {
    vi.spyOn(console, "log").mockImplementation(() => {});
    const cwd = process.cwd();
    const scratch = mkdtempSync(join(tmpdir(), "lr-schedulers-docs-"));
    process.chdir(scratch);
    try {
      await import(/* @vite-ignore */ b.file);
    } finally {
      process.chdir(cwd);
      rmSync(scratch, { recursive: true, force: true });
      vi.restoreAllMocks();
    }
  });
});
