/**
 * Per-group overrides with Megatron's OptimizerParamScheduler: parameters are matched by rules
 * (no weight decay on biases and norms, a lower peak lr for the embedding), the overrides of every
 * rule that matches a parameter are combined, and parameters with the same combined override share
 * one param group. The scheduler then writes `lr` and `weightDecay` into every group.
 * Run: npm run example -- examples/megatron-overrides.ts
 */
import {
  OptimizerParamScheduler,
  combineParamGroupOverrides,
  paramGroupOverrideToKey,
  type Optimizer,
  type ParamGroup,
  type ParamGroupOverride,
} from "lr-schedulers";

const parameters = ["embedding.weight", "layer0.attn.weight", "layer0.attn.bias", "layer0.norm.weight", "layer1.mlp.weight", "layer1.mlp.bias", "head.weight"];

/** Which parameters a rule applies to, and what it overrides. */
const rules: { match: (name: string) => boolean; override: ParamGroupOverride }[] = [
  { match: (name) => name.endsWith(".bias") || name.includes(".norm."), override: { wdMult: 0 } },
  { match: (name) => name.startsWith("embedding."), override: { maxLr: 1e-4, minLr: 1e-6 } },
];

/** One param group per distinct combined override, listing its parameters. */
function buildGroups(): (ParamGroup & { params: string[] })[] {
  const groups = new Map<string | null, ParamGroup & { params: string[] }>();
  for (const name of parameters) {
    const override = combineParamGroupOverrides(rules.filter((r) => r.match(name)).map((r) => r.override));
    const key = paramGroupOverrideToKey(Object.keys(override).length > 0 ? override : null);
    const group = groups.get(key) ?? { lr: 0, weightDecay: 0, ...override, params: [] };
    group.params.push(name);
    groups.set(key, group);
  }
  return [...groups.values()];
}

export function run(steps = 1000) {
  const paramGroups = buildGroups();
  const optimizer: Optimizer = { paramGroups };
  const scheduler = new OptimizerParamScheduler(optimizer, {
    initLr: 0,
    maxLr: 1e-3,
    minLr: 1e-5,
    lrWarmupSteps: 100,
    lrDecaySteps: steps,
    lrDecayStyle: "cosine",
    startWd: 0.01,
    endWd: 0.1,
    wdIncrSteps: steps,
    wdIncrStyle: "linear",
  });
  const checkpoints = [0, 50, 100, 500, steps];
  const rows: { step: number; lr: number[]; weightDecay: number[] }[] = [];
  for (let step = 0; step <= steps; step++) {
    if (checkpoints.includes(step)) {
      rows.push({ step, lr: optimizer.paramGroups.map((g) => g.lr), weightDecay: optimizer.paramGroups.map((g) => g.weightDecay ?? NaN) });
    }
    // ... forward, backward and optimizer update would go here ...
    if (step < steps) scheduler.step();
  }
  return { groups: paramGroups.map((g) => g.params), rows };
}

// Run as a script (the tests import run() instead).
if (typeof process !== "undefined" && !process.env.VITEST) {
  const { groups, rows } = run();
  groups.forEach((params, i) => console.log(`group ${i}: ${params.join(", ")}`));
  for (const { step, lr, weightDecay } of rows) {
    const cells = lr.map((v, i) => `lr ${v.toExponential(2)} wd ${weightDecay[i]!.toFixed(4)}`);
    console.log(`step ${String(step).padStart(4)}  ${cells.join("  |  ")}`);
  }
}
