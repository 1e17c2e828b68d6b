/**
 * The documentation keeps up with the registry: every scheduler type `createScheduler` knows has a
 * page docs/schedulers/<family>/<Type>.md showing its plot, an example in docs/plot-configs.json
 * that simulates cleanly, and the plot drawn from it by `npm run docs`. The hand-written pages'
 * relative links all lead somewhere.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { knownSchedulerTypes, simulate } from "../src/index.js";
import { readPlotConfigs, ROOT, simulationOf } from "../scripts/plot-configs.js";

const DOCS = join(ROOT, "docs");
const types = knownSchedulerTypes();
const configs = readPlotConfigs();

/** docs/schedulers/<family>/<Type>.md, by type. */
function schedulerPages(): Map<string, string> {
  const pages = new Map<string, string>();
  const root = join(DOCS, "schedulers");
  for (const family of readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const file of readdirSync(join(root, family.name)).filter((f) => f.endsWith(".md"))) pages.set(file.slice(0, -3), join(root, family.name, file));
  }
  return pages;
}

describe("scheduler docs", () => {
  const pages = schedulerPages();

  it("has a page for every registered type", () => {
    expect(types.filter((type) => !pages.has(type))).toEqual([]);
  });

  it.each(types.filter((type) => pages.has(type)))("%s's page shows its plot", (type) => {
    expect(readFileSync(pages.get(type)!, "utf8")).toContain(`(../../plots/${type}.svg)`);
  });

  it("has an example config for every registered type, and none for unknown types", () => {
    expect(types.filter((type) => !(type in configs))).toEqual([]);
    expect(Object.keys(configs).filter((type) => !types.includes(type))).toEqual([]);
  });

  it.each(Object.keys(configs).filter((type) => types.includes(type)))("%s's example simulates to finite values and has its plot drawn", (type) => {
    const { config, options } = simulationOf(type, configs[type]!);
    const sim = simulate(config, options);
    for (const group of sim.groups) {
      expect(group.lr).toHaveLength(options.steps + 1);
      expect(group.lr.every(Number.isFinite)).toBe(true);
    }
    expect(existsSync(join(DOCS, "plots", `${type}.svg`)), `docs/plots/${type}.svg: run npm run docs`).toBe(true);
  });
});

describe("hand-written docs", () => {
  const own = ["index.md", "getting-started.md", "concepts", "guides/coming-from-pytorch.md"].flatMap((entry) => {
    const path = join(DOCS, entry);
    return entry.endsWith(".md") ? [path] : readdirSync(path).filter((f) => f.endsWith(".md")).map((f) => join(path, f));
  });

  it("has the index, getting started, the concept pages and the PyTorch guide", () => {
    expect(own.map((p) => p.slice(DOCS.length + 1)).sort()).toEqual([
      "concepts/checkpoints-and-resume.md",
      "concepts/per-group-options.md",
      "concepts/stepping-and-last-epoch.md",
      "concepts/writing-your-own-schedule.md",
      "getting-started.md",
      "guides/coming-from-pytorch.md",
      "index.md",
    ]);
  });

  /** Every page under docs/ (the generated API reference aside), and the README. */
  const allPages = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name === "api" ? [] : allPages(join(dir, e.name))) : e.name.endsWith(".md") ? [join(dir, e.name)] : [],
    );
  const pages = [...allPages(DOCS), join(ROOT, "README.md")];

  it.each(pages.map((p) => [p.slice(ROOT.length + 1), p]))("%s links only to files that exist", (_name, path) => {
    const links = [...readFileSync(path, "utf8").matchAll(/\]\(([^)\s#]+)(#[^)]*)?\)/g)].map((m) => m[1]!).filter((href) => !/^[a-z]+:/.test(href));
    expect(links.filter((href) => !existsSync(resolve(dirname(path), href)))).toEqual([]);
  });
});
