/**
 * Publish hygiene, on the built package (`npm test` builds dist/ first): publint finds nothing,
 * Are The Types Wrong finds no problem for ESM and CJS consumers (node16 from ESM and from CJS,
 * and bundlers), and the packed tarball holds only what users need.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { publint } from "publint";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "node_modules", ".bin");

/** Runs a tool and returns its stdout, also when it exits non-zero (attw does when it finds problems). */
function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const { stdout } = error as { stdout?: string };
    if (stdout) return stdout;
    throw error;
  }
}

describe("publish hygiene", () => {
  it("publint reports nothing (strict)", async () => {
    const { messages } = await publint({ pkgDir: ROOT, strict: true, level: "suggestion" });
    expect(messages.map((m) => `${m.type} ${m.code} ${m.path.join(".")}`)).toEqual([]);
  });

  it("Are The Types Wrong: no problem for node16 ESM and CJS consumers and bundlers", () => {
    const out = run(join(BIN, "attw"), ["--pack", ".", "--profile", "node16", "--format", "json"]);
    const { analysis } = JSON.parse(out) as { analysis: { problems: { kind: string; entrypoint?: string; resolutionKind?: string }[] } };
    // The JSON lists every resolution mode; node10 (no "exports" support, so no subpaths such as
    // "lr-schedulers/tfjs") is outside the node16 profile, as on the command line.
    expect(analysis.problems.filter((p) => p.resolutionKind !== "node10")).toEqual([]);
  });

  it("the tarball holds the built library, its types, the CLI and the docs users read, nothing else (no source maps)", () => {
    const [pack] = JSON.parse(run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"])) as [{ files: { path: string }[] }];
    const files = pack.files.map((f) => f.path).sort();
    const allowed = /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/[\w./-]+\.(js|cjs|d\.ts|d\.cts))$/;
    expect(files.filter((f) => !allowed.test(f)), "unexpected files in the tarball").toEqual([]);
    for (const needed of ["package.json", "LICENSE", "README.md", "dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts", "dist/cli.js"]) {
      expect(files, needed).toContain(needed);
    }
  });
});
