/** Runs the built `lr-schedulers` executable (package.json "bin"), building it first when it is missing or older than src/. */
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
export const BIN = join(ROOT, pkg.bin["lr-schedulers"]!);

function newestSource(dir: string): number {
  return Math.max(
    0,
    ...readdirSync(dir, { withFileTypes: true }).map((e) => (e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs)),
  );
}

const builtAt = (): number => {
  try {
    return statSync(BIN).mtimeMs;
  } catch {
    return 0;
  }
};

export function ensureBuilt(): void {
  const newest = newestSource(join(ROOT, "src"));
  if (builtAt() >= newest) return;
  // The type declarations of the library entry may fail on unrelated work in progress; what matters here is the CLI bundle.
  const build = spawnSync("npx", ["tsup"], { cwd: ROOT, encoding: "utf8" });
  if (builtAt() < newest) throw new Error(`building ${BIN} failed:\n${build.stderr}`);
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runBin(args: string[], cwd = ROOT): CliRun {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
