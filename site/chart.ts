/**
 * The charts: one uPlot per quantity (lr, then momentum or beta1, beta2, weight decay where a
 * schedule writes them), stacked, with the cursor and the x zoom shared. Drag to zoom, double-click
 * to zoom out; the legend shows the step and every value under the cursor.
 */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface Line {
  /** The CSV column name, also the legend entry. */
  label: string;
  color: string;
  dash: number[];
  values: Float64Array;
}

export interface Panel {
  /** The quantity: `lr`, `momentum`, `beta1`, `beta2`, `weight decay`. */
  name: string;
  lines: Line[];
}

/** Up to 6 significant digits, without trailing zeros. */
const short = (v: number | null | undefined): string => (v == null ? "–" : String(Number(v.toPrecision(6))));

export class Charts {
  readonly #root: HTMLElement;
  #plots: uPlot[] = [];
  #shape = "";
  #xs = new Float64Array(0);
  #syncing = false;
  /** `performance.now()` when the last chart finished drawing. */
  drawnAt = 0;

  constructor(root: HTMLElement) {
    this.#root = root;
    addEventListener("resize", () => this.#plots.forEach((p) => p.setSize(this.#size(p === this.#plots[0]))));
  }

  /** What each chart holds, `[steps, ...series]`, for tests. */
  get data(): uPlot.AlignedData[] {
    return this.#plots.map((p) => p.data);
  }

  #size(first: boolean): { width: number; height: number } {
    return { width: Math.max(320, this.#root.clientWidth), height: first ? 300 : 170 };
  }

  /** Draws `panels` over steps 0..steps; keeps the charts (and the zoom) when only the values changed. */
  draw(steps: number, panels: Panel[]): void {
    if (this.#xs.length !== steps + 1) this.#xs = Float64Array.from({ length: steps + 1 }, (_, t) => t);
    const shape = JSON.stringify([steps, panels.map((p) => [p.name, p.lines.map((l) => [l.label, l.color])])]);
    if (shape !== this.#shape) {
      this.#plots.forEach((p) => p.destroy());
      this.#plots = panels.map((panel, k) => this.#create(panel, k === 0));
      this.#shape = shape;
      return;
    }
    panels.forEach((panel, k) => {
      const plot = this.#plots[k]!;
      const { min, max } = plot.scales.x ?? {};
      plot.setData([this.#xs, ...panel.lines.map((l) => l.values)]);
      if (min !== undefined && max !== undefined && (min > 0 || max < steps)) plot.setScale("x", { min, max });
    });
  }

  #create(panel: Panel, first: boolean): uPlot {
    const options: uPlot.Options = {
      ...this.#size(first),
      title: panel.name,
      scales: { x: { time: false } },
      cursor: { sync: { key: "lr-schedulers" }, drag: { x: true, y: false } },
      legend: { live: true },
      series: [
        { label: "step", value: (_u, v) => (v == null ? "–" : String(v)) },
        ...panel.lines.map((l) => ({ label: l.label, stroke: l.color, dash: l.dash, width: 1.5, value: (_u: uPlot, v: number | null) => short(v) })),
      ],
      axes: [{}, { size: 70, values: (_u, splits) => splits.map(short) }],
      hooks: {
        draw: [() => (this.drawnAt = performance.now())],
        setScale: [(u, key) => this.#syncZoom(u, key)],
      },
    };
    return new uPlot(options, [this.#xs, ...panel.lines.map((l) => l.values)], this.#root);
  }

  /** A zoom on one chart zooms the others to the same steps. */
  #syncZoom(source: uPlot, key: string): void {
    if (key !== "x" || this.#syncing) return;
    this.#syncing = true;
    const { min, max } = source.scales.x ?? {};
    for (const plot of this.#plots) if (plot !== source && min !== undefined && max !== undefined) plot.setScale("x", { min, max });
    this.#syncing = false;
  }
}
