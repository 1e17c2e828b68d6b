/**
 * Every examples/*.ts runs as part of the suite, against the sources (vitest resolves the package
 * name "lr-schedulers" to src/). An example checks its own results with node:assert, so one that
 * drifts from the library fails here; each must also print what it shows. Some examples skip their
 * script part under vitest (their own tests import their functions); here it runs as from a shell.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const EXAMPLES = join(import.meta.dirname, "..", "examples");
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
