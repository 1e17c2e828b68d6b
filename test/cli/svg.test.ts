import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderSvg } from "../../src/cli/svg.js";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["g", "line", "text", "polyline"].includes(name) });

interface Node {
  [key: string]: unknown;
}

function parse(svg: string): Node {
  expect(XMLValidator.validate(svg)).toBe(true);
  return (parser.parse(svg) as { svg: Node }).svg;
}

const groupOf = (svg: Node, cls: string) => (svg.g as Node[]).filter((g) => g.class === cls);
const points = (polyline: Node) => String(polyline.points).split(" ").map((p) => p.split(",").map(Number) as [number, number]);

describe("renderSvg", () => {
  const series = [new Float64Array([1, 0.5, 0.25, 0.125]), new Float64Array([0.5, 0.25, 0.125, 0.0625])];
  const svg = parse(renderSvg({ title: "StepLR <test> & co", series, labels: ["lr_0", "lr_1"], width: 600, height: 300 }));

  it("is a valid SVG document with the type in its title", () => {
    expect(svg.xmlns).toBe("http://www.w3.org/2000/svg");
    expect(svg.viewBox).toBe("0 0 600 300");
    expect(svg.title).toBe("StepLR <test> & co");
    expect((svg.text as Node[]).find((t) => t.class === "title")?.["#text"]).toBe("StepLR <test> & co");
  });

  it("has both axes with round tick labels", () => {
    const yLabels = (groupOf(svg, "y-axis")[0]!.text as Node[]).map((t) => String(t["#text"]));
    expect(yLabels).toEqual(["0", "0.2", "0.4", "0.6", "0.8", "1", "lr"]);
    const xLabels = (groupOf(svg, "x-axis")[0]!.text as Node[]).map((t) => String(t["#text"]));
    expect(xLabels).toEqual(["0", "0.5", "1", "1.5", "2", "2.5", "3", "step"]);
  });

  it("draws one line per group from the first step to the last, inside the plot area, and a legend", () => {
    const lines = groupOf(svg, "series");
    expect(lines).toHaveLength(2);
    const first = points((lines[0]!.polyline as Node[])[0]!);
    expect(first).toHaveLength(4);
    expect(first[0]).toEqual([70, 40]); // step 0 at the left edge, lr 1 at the top
    expect(first[3]![0]).toBe(580); // step 3 at the right edge
    for (const [x, y] of first) {
      expect(x).toBeGreaterThanOrEqual(70);
      expect(y).toBeLessThanOrEqual(300 - 45);
    }
    expect(lines[0]!.stroke).not.toBe(lines[1]!.stroke);
    expect((groupOf(svg, "legend")[0]!.text as Node[]).map((t) => t["#text"])).toEqual(["lr_0", "lr_1"]);
  });

  it("keeps a million steps small but keeps every peak", () => {
    const long = new Float64Array(1_000_001).map((_, t) => (t === 777_777 ? 2 : 1 - t / 2_000_000));
    const text = renderSvg({ title: "long", series: [long], labels: ["lr_0"] });
    expect(text.length).toBeLessThan(60_000);
    const drawn = points((groupOf(parse(text), "series")[0]!.polyline as Node[])[0]!);
    expect(Math.min(...drawn.map(([, y]) => y))).toBe(40); // the one-step spike at 2 reaches the top
  });

  it("breaks the line at non-finite values and draws a flat schedule mid-height", () => {
    const broken = groupOf(parse(renderSvg({ title: "gap", series: [new Float64Array([1, 2, Number.NaN, 3, 4])], labels: ["lr_0"] })), "series")[0]!;
    expect((broken.polyline as Node[]).map((p) => points(p).length)).toEqual([2, 2]);
    const flat = groupOf(parse(renderSvg({ title: "flat", series: [new Float64Array([0.1, 0.1, 0.1])], labels: ["lr_0"], height: 400 })), "series")[0]!;
    expect(points((flat.polyline as Node[])[0]!).map(([, y]) => y)).toEqual([197.5, 197.5, 197.5]);
  });

  describe("with several panels", () => {
    const lr = [new Float64Array([1, 0.5, 0.25]), new Float64Array([1, 0.5, 0.25]), new Float64Array([0.1, 0.05, 0.025])];
    const momentum = [new Float64Array([0.9, 0.85, 0.8])];
    const multi = parse(
      renderSvg({
        title: "probe",
        panels: [
          { name: "lr", series: lr, labels: ["lr_0", "lr_1", "lr_2"], sameAs: [undefined, "lr_0", undefined] },
          { name: "momentum", series: momentum, labels: ["momentum_1"], groups: [1] },
        ],
        width: 600,
        height: 300,
      }),
    );

    it("stacks the panels over one step axis and grows the image", () => {
      expect(multi.viewBox).toBe("0 0 600 475"); // 300 + one more panel of 150 with a gap of 25
      expect(groupOf(multi, "y-axis").map((g) => (g.text as Node[]).at(-1)!["#text"])).toEqual(["lr", "momentum"]);
      expect(groupOf(multi, "x-axis")).toHaveLength(1);
      const momentumLine = points((groupOf(multi, "series").find((g) => g["data-panel"] === "momentum")!.polyline as Node[])[0]!);
      expect(momentumLine[0]).toEqual([70, 280]); // the top of the second panel: 40 + 215 + 25
      expect(momentumLine.at(-1)).toEqual([580, 430]);
    });

    it("gives each group its color and dash pattern in every panel, and says which coincide", () => {
      const series = groupOf(multi, "series");
      expect(series.map((g) => g["stroke-dasharray"])).toEqual([undefined, "7 4", "2 3", "7 4"]);
      expect(series[1]!.stroke).not.toBe(series[0]!.stroke);
      expect(series[3]!.stroke).toBe(series[1]!.stroke); // momentum_1 is drawn as group 1
      expect((groupOf(multi, "legend")[0]!.text as Node[]).map((t) => t["#text"])).toEqual(["lr_0", "lr_1 (= lr_0)", "lr_2"]);
      expect(groupOf(multi, "legend")).toHaveLength(1); // a panel with one line needs none
    });
  });
});
