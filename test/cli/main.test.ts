/**
 * The built `lr-schedulers` executable, run as a user runs it: tables checked number for number
 * against the library (and, for the ds_config.json case, against the reference trace), the SVG
 * parsed, every command's --help, and bad input ending in one line on stderr.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { simulate } from "../../src/index.js";
import { REFERENCE_DIR, type ReferenceCase } from "../support/reference.js";
import { ensureBuilt, runBin, type CliRun } from "./built-cli.js";

const dir = mkdtempSync(join(tmpdir(), "lr-schedulers-cli-"));
const writeJson = (name: string, value: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(value));
  return path;
};
const csvRows = (run: CliRun) => run.stdout.trim().split("\n").map((line) => line.split(","));

/** Bad input: a non-zero status and exactly one line on stderr, without a stack trace. */
function expectOneLineError(run: CliRun, message: RegExp): void {
  expect(run.status).not.toBe(0);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^lr-schedulers: /);
  expect(lines[0]).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(() => ensureBuilt(), 120_000);

describe("lr-schedulers table", () => {
  it("prints the library's numbers for a { type, params } file, exactly", () => {
    const config = { type: "MultiStepLR", params: { milestones: [3, 6], gamma: 0.5 } };
    const run = runBin(["table", writeJson("multistep.json", config), "--steps", "8", "--lr", "0.1,0.03"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const rows = csvRows(run);
    expect(rows[0]).toEqual(["step", "lr_0", "lr_1"]);
    expect(rows).toHaveLength(10);
    const sim = simulate(config, { steps: 8, lr: [0.1, 0.03] });
    rows.slice(1).forEach((row, t) => {
      expect(row.map(Number)).toEqual([t, sim.groups[0]!.lr[t], sim.groups[1]!.lr[t]]);
    });
    expect(Number(rows[7]![1])).toBe(0.025);
  });

  it("reads a whole ds_config.json and matches DeepSpeed's own trace", () => {
    const trace = JSON.parse(readFileSync(join(REFERENCE_DIR, "dsconfig", "WarmupLR-config-page-sgd.json"), "utf8")) as ReferenceCase;
    const run = runBin(["table", writeJson("ds_config.json", trace.config), "--steps", String(trace.steps.length), "--every", "10"]);
    expect(run.status).toBe(0);
    const rows = csvRows(run);
    expect(rows[0]).toEqual(["step", "lr_0"]);
    for (const [step, lr] of rows.slice(1).map((r) => r.map(Number) as [number, number])) {
      const expected = step === 0 ? trace.initial!.lr![0]! : trace.steps[step - 1]!.lr![0]!;
      expect(Math.abs(lr - expected)).toBeLessThanOrEqual(1e-9 * Math.abs(expected));
    }
    expect(rows.map((r) => r[0])).toContain(String(trace.steps.length));
  });

  it("adds weight-decay columns for Megatron and momentum columns for CyclicLR, as JSON too", () => {
    const megatron = ["--type", "OptimizerParamScheduler", "-p", "init_lr=0", "-p", "max_lr=0.1", "-p", "min_lr=0.01", "-p", "lr_warmup_steps=2"];
    const params = [...megatron, "-p", "lr_decay_steps=10", "-p", "lr_decay_style=cosine", "-p", "start_wd=0.01", "-p", "end_wd=0.1", "-p", "wd_incr_steps=10", "-p", "wd_incr_style=linear"];
    const run = runBin(["table", ...params, "--steps", "12", "--format", "json"]);
    expect(run.status).toBe(0);
    const table = JSON.parse(run.stdout) as { type: string; columns: string[]; rows: number[][] };
    expect(table.type).toBe("OptimizerParamScheduler");
    expect(table.columns).toEqual(["step", "lr_0", "weight_decay_0"]);
    const sim = simulate(
      { type: "OptimizerParamScheduler", params: { init_lr: 0, max_lr: 0.1, min_lr: 0.01, lr_warmup_steps: 2, lr_decay_steps: 10, lr_decay_style: "cosine", start_wd: 0.01, end_wd: 0.1, wd_incr_steps: 10, wd_incr_style: "linear" } },
      { steps: 12 },
    );
    expect(table.rows).toEqual(Array.from({ length: 13 }, (_, t) => [t, sim.groups[0]!.lr[t], sim.groups[0]!.weightDecay![t]]));
    expect(table.rows[2]![1]).toBe(0.1);
    expect(table.rows[12]).toEqual([12, 0.01, 0.1]);

    const cyclic = runBin(["table", "--type", "CyclicLR", "-p", "base_lr=0.1", "-p", "max_lr=1", "-p", "step_size_up=2", "--steps", "4", "--momentum", "0.9"]);
    expect(csvRows(cyclic)).toEqual([
      ["step", "lr_0", "momentum_0"],
      ["0", "0.1", "0.9"],
      ["1", "0.55", "0.8500000000000001"],
      ["2", "1", "0.8"],
      ["3", "0.55", "0.8500000000000001"],
      ["4", "0.1", "0.9"],
    ]);
  });

  it("passes --metrics to ReduceLROnPlateau", () => {
    const run = runBin(["table", "--type", "ReduceLROnPlateau", "-p", "patience=1", "--lr", "1", "--steps", "4", "--metrics", "1,1,1,1"]);
    expect(csvRows(run).map((r) => r[1])).toEqual(["lr_0", "1", "1", "1", "0.1", "0.1"]);
  });
});

describe("lr-schedulers plot", () => {
  it("draws the embedded default in the terminal and writes a valid SVG", () => {
    const svgPath = join(dir, "default.svg");
    const run = runBin(["plot", "--default", "--svg", svgPath, "--width", "80"]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe("get_cosine_schedule_with_warmup: lr over 10000 steps");
    expect(lines[1]).toMatch(/^\s+3e-4 ┼/);
    expect(lines.slice(1, 17).every((line) => line.length <= 80)).toBe(true);
    expect(run.stdout).toContain(`SVG written to ${svgPath}`);
    const svg = readFileSync(svgPath, "utf8");
    expect(XMLValidator.validate(svg)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(svg) as { svg: { title: string } };
    expect(parsed.svg.title).toBe("get_cosine_schedule_with_warmup: lr over 10000 steps");
  });

  it("writes only the SVG with --no-chart, one line per group", () => {
    const svgPath = join(dir, "two.svg");
    const run = runBin(["plot", "--type", "StepLR", "-p", "step_size=10", "--lr", "0.1,0.01", "--no-chart", "--svg", svgPath]);
    expect(run.stdout).toBe(`SVG written to ${svgPath}\n`);
    expect(readFileSync(svgPath, "utf8").match(/<g class="series"/g)).toHaveLength(2);
  });
});

describe("lr-schedulers usage", () => {
  it.each([["--help"], ["plot", "--help"], ["table", "--help"], ["types", "--help"]])("%s %s prints usage and exits 0", (...args) => {
    const run = runBin(args.filter(Boolean));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: lr-schedulers/);
  });

  it("shows examples in the main help", () => {
    expect(runBin(["--help"]).stdout).toContain("Examples:\n  lr-schedulers plot --default --svg schedule.svg");
  });

  it("lists every type", () => {
    expect(runBin(["types"]).stdout.split("\n")).toEqual(expect.arrayContaining(["StepLR", "WarmupLR", "OptimizerParamScheduler"]));
  });

  it.each([
    [["table", "--type", "NoSuchLR"], /Unknown scheduler type "NoSuchLR"/],
    [["table", "--type", "StepLR", "-p", "step_size=0"], /StepLR: option "step_size" must be an integer > 0; got 0/],
    [["table", "--type", "StepLR", "-p", "step_size=3", "--lr", "fast"], /--lr: "fast" is not a finite number/],
    [["table", "--type", "StepLR", "-p", "step_size=3", "--every", "0"], /--every: "0" is not an integer >= 1/],
    [["table", "--type", "StepLR", "-p", "step_size=3", "--format", "xml"], /Allowed choices are csv, json/],
    [["table", "/no/such/config.json"], /cannot read config file "\/no\/such\/config.json": no such file/],
    [["table", "--type", "ReduceLROnPlateau", "--steps", "3"], /simulate: option "metrics" must be a list of 3 metric values/],
    [["plot", "--type", "StepLR", "-p", "step_size=3", "--svg", "/no/such/dir/x.svg", "--no-chart"], /cannot write "\/no\/such\/dir\/x.svg" \(ENOENT\)/],
    [["table", "--bogus"], /unknown option '--bogus'/],
    [["frobnicate"], /unknown command 'frobnicate'/],
  ])("%j fails with one clear line", (args, message) => {
    expectOneLineError(runBin(args), message);
  });

  it("refuses a config file that is not JSON", () => {
    const path = join(dir, "broken.json");
    writeFileSync(path, "{ type: 'StepLR' }");
    expectOneLineError(runBin(["plot", path]), /config file ".*broken\.json" is not valid JSON/);
  });
});
