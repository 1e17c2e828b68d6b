/**
 * Runs the simulation the command line asked for: `simulate`, or with `--increment n` the same
 * recording over `step(n)` calls (Megatron's increment). Every warning the scheduler reports is
 * collected and handed back as one line each, and the values are checked to be finite before
 * anything is printed: the CLI never prints a non-finite value with status 0.
 */
import { createScheduler, onWarning, simulate, type Optimizer, type ParamGroup, type SchedulerWarning, type SimulatedGroup, type Simulation } from "../index.js";
import type { SimulationInput } from "./input.js";
import { UsageError } from "./limits.js";
import { panelsOf, type MomentumName, type Panel } from "./panels.js";

/** A simulation and what the charts and tables show of it. */
export interface Preview {
  sim: Simulation;
  panels: Panel[];
  /** Per group, what its `momentum` series is (from the input). */
  momentumNames: MomentumName[];
}

/** `warning [WarmupLR] unknown-warmup-type: ...`, on one line. */
export function warningLine(w: SchedulerWarning): string {
  return `warning [${w.schedulerType}] ${w.code}: ${w.message.replace(/\s*[\r\n]+\s*/g, " ")}`;
}

/** The synthetic optimizer's groups, built as `simulate` builds them (the lr of `--lr`, else the group's, else 1). */
function syntheticGroups({ options, configGroup }: SimulationInput): ParamGroup[] {
  const lrs = options.lr === undefined ? undefined : ([] as number[]).concat(options.lr);
  return (options.groups ?? [{}]).map((g, i) => {
    const group = structuredClone({ ...configGroup, ...g }) as ParamGroup;
    const lr = lrs?.[lrs.length === 1 ? 0 : i];
    if (lr !== undefined) group.lr = lr;
    else if (group.lr === undefined) group.lr = 1;
    return group;
  });
}

/**
 * `simulate`'s recording with each `step()` made `step(increment)`, for schedules whose `step(x)`
 * adds x (Megatron). The options have been checked by `simulate` itself before.
 * @throws UsageError for a schedule whose step(x) does not add x
 */
function simulateByIncrement(input: SimulationInput, increment: number): Simulation {
  const inputs = syntheticGroups(input);
  const optimizer: Optimizer = { paramGroups: structuredClone(inputs), defaults: { ...inputs[0] } };
  const scheduler = createScheduler(optimizer, input.config);
  if (scheduler.definition.counter.argument !== "by") {
    throw new UsageError(`--increment: ${scheduler.type}'s step(x) does not add x steps (only Megatron's OptimizerParamScheduler takes an increment)`);
  }
  const { steps } = input.options;
  const groups = optimizer.paramGroups;
  const readers: { name: "momentum" | "beta2" | "weightDecay"; read: (g: ParamGroup, i: number) => unknown }[] = [
    { name: "momentum", read: (g, i) => (input.momentumNames[i] === "beta1" ? g.betas?.[0] : g.momentum) },
    { name: "beta2", read: (g) => g.betas?.[1] },
    { name: "weightDecay", read: (g) => g.weightDecay },
  ];
  const lr = groups.map(() => new Float64Array(steps + 1));
  const extras = readers.map((r) => groups.map((g, i) => (typeof r.read(g, i) === "number" ? new Float64Array(steps + 1) : undefined)));
  for (let t = 0; t <= steps; t++) {
    if (t > 0) scheduler.step(increment);
    groups.forEach((g, i) => {
      lr[i]![t] = g.lr;
      readers.forEach((r, k) => {
        const series = extras[k]![i];
        if (series) series[t] = r.read(g, i) as number;
      });
    });
  }
  return {
    type: scheduler.type,
    steps,
    groups: lr.map((series, i) => {
      const out: SimulatedGroup = { lr: series };
      readers.forEach((r, k) => {
        const recorded = extras[k]![i];
        const initial = r.read(inputs[i]!, i);
        if (recorded && (typeof initial !== "number" || recorded.some((v) => !Object.is(v, initial)))) out[r.name] = recorded;
      });
      return out;
    }),
  };
}

/** @throws UsageError naming the first non-finite value */
function checkFinite(sim: Simulation, panels: readonly Panel[]): void {
  for (const panel of panels) {
    for (const { label, values } of panel.series) {
      const t = values.findIndex((v) => !Number.isFinite(v));
      if (t >= 0) throw new UsageError(`${sim.type}: ${label} is ${values[t]} at step ${t}; nothing is printed (the CLI shows finite values only)`);
    }
  }
}

/**
 * Runs the simulation; `warn` receives each distinct warning as one line (a repeated one once, with
 * its count), also when the simulation then fails.
 * @throws UsageError for a non-finite value or a misplaced `--increment`, and whatever `simulate` throws
 */
export function runSimulation(input: SimulationInput, warn: (line: string) => void): Preview {
  const seen = new Map<string, number>();
  const stop = onWarning((w) => {
    const line = warningLine(w);
    seen.set(line, (seen.get(line) ?? 0) + 1);
  });
  let sim: Simulation;
  try {
    if (input.increment === undefined) sim = simulate(input.config, input.options);
    else {
      // simulate checks the options and the config, with its own messages; its construction's warnings come again below.
      simulate(input.config, { ...input.options, steps: 0 });
      seen.clear();
      sim = simulateByIncrement(input, input.increment);
    }
  } finally {
    stop();
    for (const [line, count] of seen) warn(count > 1 ? `${line} (${count} times)` : line);
  }
  const panels = panelsOf(sim, input.momentumNames);
  checkFinite(sim, panels);
  return { sim, panels, momentumNames: input.momentumNames };
}
