/**
 * `npm run docs`: draws docs/plots/<Type>.svg for every registered scheduler type from the
 * examples in docs/plot-configs.json (with the library's own `simulate` and the CLI's SVG
 * writer), then writes the API reference into docs/api/ with typedoc.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderSvg } from "../src/cli/svg.js";
import { knownSchedulerTypes, simulate } from "../src/index.js";
import { readPlotConfigs, ROOT, simulationOf } from "./plot-configs.js";

const plots = join(ROOT, "docs", "plots");
mkdirSync(plots, { recursive: true });
const configs = readPlotConfigs();
const missing = knownSchedulerTypes().filter((type) => !(type in configs));
if (missing.length > 0) {
  console.error(`docs/plot-configs.json has no example for: ${missing.join(", ")}`);
  process.exit(1);
}
for (const [type, entry] of Object.entries(configs)) {
  const { config, options } = simulationOf(type, entry);
  const sim = simulate(config, options);
  const labels = sim.groups.map((_, i) => `group ${i}`);
  writeFileSync(join(plots, `${type}.svg`), renderSvg({ title: `${type}: lr over ${sim.steps} steps`, series: sim.groups.map((g) => g.lr), labels }));
}
console.log(`wrote ${Object.keys(configs).length} plots to docs/plots/`);

execFileSync(join(ROOT, "node_modules", ".bin", "typedoc"), ["--options", join(ROOT, "typedoc.json")], { cwd: ROOT, stdio: "inherit" });
