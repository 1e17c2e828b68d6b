/**
 * Every examples/*.ts runs as part of the suite, against the sources (vitest resolves the package
 * name "lr-schedulers" to src/). An example checks its own results with node:assert, so one that
 * drifts from the library fails here; each must also print what it shows. Some examples skip their
 * script part under vitest (their own tests import their functions); here it runs as from a shell.
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const EXAMPLES = join(ROOT, "examples");
const examples = readdirSync(EXAMPLES).filter((file) => file.endsWith(".ts")).sort();

afterEach(() => {
  vi.restoreAllMocks();
});

describe("examples", () => {
  it("include the quick start, resume, custom schedule and simulate-and-plot examples", () => {
    expect(examples).toEqual(expect.arrayContaining(["quick-start.ts", "resume-from-checkpoint.ts", "custom-schedule.ts", "simulate-and-plot.ts"]));
  });

  it.each(examples)("%s runs and prints its results", async (file) => {
    const printed: string[] = [];
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(" "));
    });
    const underVitest = process.env.VITEST;
    delete process.env.VITEST;
    try {
      await import(/* @vite-ignore */ join(EXAMPLES, file));
    } finally {
      if (underVitest !== undefined) process.env.VITEST = underVitest;
    }
    expect(printed.length).toBeGreaterThan(0);
  });
});

describe("npm run example -- examples/<name>.ts (the command each example documents)", () => {
  it.each(examples)("%s documents the command", (file) => {
    expect(readFileSync(join(EXAMPLES, file), "utf8")).toContain(`Run: npm run example -- examples/${file}`);
  });

  it("runs the TF.js example in a Node process, with the numbers its test pins", () => {
    const out = execFileSync(process.execPath, [join(ROOT, "scripts", "run-ts.mjs"), "examples/tfjs-fit.ts"], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, VITEST: undefined },
    });
    const lrs = out.split("\n").find((line) => line.startsWith("lr per update:"))!.split(" ").slice(3).map(Number);
    expect(lrs).toHaveLength(24);
    expect(lrs[0]).toBe(0.02); // OneCycleLR: max_lr / div_factor (25)
    expect(Math.max(...lrs)).toBeCloseTo(0.49877, 5);
    expect(lrs[23]).toBe(0);
  });

  it("refuses to run without an example", () => {
    expect(() => execFileSync(process.execPath, [join(ROOT, "scripts", "run-ts.mjs")], { cwd: ROOT, stdio: "pipe" })).toThrow(/usage: node scripts\/run-ts.mjs/);
  });
});
