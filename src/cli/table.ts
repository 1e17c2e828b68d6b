/**
 * `table` output: the simulated values as CSV (a header `step,lr_0,lr_1,...` plus `momentum_i` (or
 * `beta1_i`), `beta2_i` and `weight_decay_i` columns for the groups whose schedule sets them, then
 * one row per step from step 0) or as JSON. Numbers are written in their shortest exact form, so
 * the table reads back to the very doubles the library computed.
 */
import { encodeNumber, type Simulation } from "../index.js";
import { panelsOf, type MomentumName } from "./panels.js";

interface Column {
  name: string;
  values: Float64Array;
}

/** Every recorded series as a named column: lr first, then momentum or beta1, beta2, weight decay. */
export function columnsOf(sim: Simulation, momentumNames?: readonly MomentumName[]): Column[] {
  return panelsOf(sim, momentumNames).flatMap((panel) => panel.series.map((s) => ({ name: s.label, values: s.values })));
}

/** Steps 0, every, 2*every, ... and always the last one. */
export function sampledSteps(steps: number, every: number): number[] {
  const picked: number[] = [];
  for (let t = 0; t <= steps; t += every) picked.push(t);
  if (picked[picked.length - 1] !== steps) picked.push(steps);
  return picked;
}

export function toCsv(sim: Simulation, every = 1, momentumNames?: readonly MomentumName[]): string {
  const columns = columnsOf(sim, momentumNames);
  const lines = [["step", ...columns.map((c) => c.name)].join(",")];
  for (const t of sampledSteps(sim.steps, every)) lines.push([t, ...columns.map((c) => String(c.values[t]))].join(","));
  return `${lines.join("\n")}\n`;
}

/** `{ type, steps, columns, rows }`, each row `[step, ...values]` in the order of `columns`; non-finite values as "Infinity"/"NaN". */
export function toJson(sim: Simulation, every = 1, momentumNames?: readonly MomentumName[]): string {
  const columns = columnsOf(sim, momentumNames);
  const rows = sampledSteps(sim.steps, every).map((t) => [t, ...columns.map((c) => encodeNumber(c.values[t]!))]);
  return `${JSON.stringify({ type: sim.type, steps: sim.steps, columns: ["step", ...columns.map((c) => c.name)], rows })}\n`;
}
