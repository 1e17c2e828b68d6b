/**
 * What `plot` draws and `table` prints: one panel per quantity the schedule writes (lr always, then
 * momentum or beta1, beta2 and weight decay where set), each with one series per param group that
 * has it. A series equal to an earlier group's at every step says so (`sameAs`), so that charts can
 * tell the reader which groups coincide.
 */
import type { SimulatedGroup, Simulation } from "../index.js";

/** What a group's cycled momentum is: `momentum` (SGD) or `betas[0]` (Adam). */
export type MomentumName = "momentum" | "beta1";

export interface Series {
  /** The column name, also the legend entry: `lr_0`, `momentum_1`, `beta1_0`, `beta2_0`, `weight_decay_2`. */
  label: string;
  /** The param group's index. */
  group: number;
  values: Float64Array;
  /** The label of the first earlier series of the panel with the very same values, if any. */
  sameAs?: string;
}

export interface Panel {
  /** The quantity, as the axis names it: `lr`, `momentum`, `beta1`, `beta2`, `weight decay`. */
  name: string;
  series: Series[];
}

const QUANTITIES: { name: string; prefix: string; pick: (g: SimulatedGroup, momentum: MomentumName) => Float64Array | undefined }[] = [
  { name: "lr", prefix: "lr", pick: (g) => g.lr },
  { name: "momentum", prefix: "momentum", pick: (g, m) => (m === "momentum" ? g.momentum : undefined) },
  { name: "beta1", prefix: "beta1", pick: (g, m) => (m === "beta1" ? g.momentum : undefined) },
  { name: "beta2", prefix: "beta2", pick: (g) => g.beta2 },
  { name: "weight decay", prefix: "weight_decay", pick: (g) => g.weightDecay },
];

function sameValues(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let t = 0; t < a.length; t++) if (!Object.is(a[t], b[t])) return false;
  return true;
}

/**
 * The panels of a simulation, in the order lr, momentum, beta1, beta2, weight decay; a quantity no
 * group has gets no panel.
 * @param momentumNames per group, what its `momentum` series is (default: `momentum`)
 */
export function panelsOf(sim: Simulation, momentumNames: readonly MomentumName[] = []): Panel[] {
  const panels: Panel[] = [];
  for (const { name, prefix, pick } of QUANTITIES) {
    const series: Series[] = [];
    sim.groups.forEach((g, i) => {
      const values = pick(g, momentumNames[i] ?? "momentum");
      if (values === undefined) return;
      const twin = series.find((s) => s.sameAs === undefined && sameValues(s.values, values));
      series.push({ label: `${prefix}_${i}`, group: i, values, ...(twin ? { sameAs: twin.label } : {}) });
    });
    if (series.length > 0) panels.push({ name, series });
  }
  return panels;
}

/** "lr", "lr and momentum", "lr, beta1 and beta2". */
export function panelNames(panels: readonly Panel[]): string {
  const names = panels.map((p) => p.name);
  return names.length < 2 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}
