/**
 * The command line run in-process through `runCli`: previews that pick an optimizer the schedule
 * can run on, panels for momentum / beta1 / beta2 / weight decay, charts that keep every peak,
 * warnings on stderr, --version, Megatron's --increment, and the limits of issue #20.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/program.js";
import { createScheduler, registerScheduler, simulate, unregisterScheduler } from "../../src/index.js";

const dir = mkdtempSync(join(tmpdir(), "lr-schedulers-program-"));
const path = (name: string) => join(dir, name);
const packageVersion = (JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version;

interface Run {
  status: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<Run> {
  let stdout = "";
  let stderr = "";
  const status = await runCli(args, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), columns: 80 });
  return { status, stdout, stderr };
}

const csv = (run: Run) => run.stdout.trim().split("\n").map((line) => line.split(","));
const header = (run: Run) => csv(run)[0];
const column = (run: Run, name: string) => {
  const rows = csv(run);
  const k = rows[0]!.indexOf(name);
  expect(k, `column ${name} in ${rows[0]!.join(",")}`).toBeGreaterThan(0);
  return rows.slice(1).map((row) => Number(row[k]));
};

/** A failure: a non-zero status, nothing on stdout, and one line on stderr that matches. */
async function expectError(args: string[], message: RegExp): Promise<void> {
  const run = await cli(...args);
  expect(run.status).not.toBe(0);
  expect(run.stdout).toBe("");
  const lines = run.stderr.trimEnd().split("\n");
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^lr-schedulers: /);
  expect(lines[0]).toMatch(message);
}

const ONE_CYCLE = ["--type", "OneCycleLR", "--param", "max_lr=0.1", "--param", "total_steps=100"];
const CYCLIC = ["--type", "CyclicLR", "-p", "base_lr=0.1", "-p", "max_lr=1", "-p", "step_size_up=2"];
const DS_ONE_CYCLE = ["--type", "OneCycle", "-p", "cycle_first_step_size=2", "-p", "cycle_min_lr=0.01", "-p", "cycle_max_lr=0.1"];
const MEGATRON = [
  "--type", "OptimizerParamScheduler", "-p", "init_lr=0", "-p", "max_lr=0.1", "-p", "min_lr=0.01", "-p", "lr_warmup_steps=4",
  "-p", "lr_decay_steps=20", "-p", "lr_decay_style=cosine", "-p", "start_wd=0.01", "-p", "end_wd=0.1", "-p", "wd_incr_steps=20", "-p", "wd_incr_style=linear",
];
const MEGATRON_PARAMS = {
  init_lr: 0, max_lr: 0.1, min_lr: 0.01, lr_warmup_steps: 4, lr_decay_steps: 20, lr_decay_style: "cosine",
  start_wd: 0.01, end_wd: 0.1, wd_incr_steps: 20, wd_incr_style: "linear",
};

describe("the optimizer a preview stands in for", () => {
  it("previews OneCycleLR as is: SGD-like groups with momentum by default", async () => {
    const plot = await cli("plot", ...ONE_CYCLE);
    expect(plot.stderr).toBe("");
    expect(plot.status).toBe(0);
    const table = await cli("table", ...ONE_CYCLE);
    expect(header(table)).toEqual(["step", "lr_0", "momentum_0"]);
    const sim = simulate({ type: "OneCycleLR", params: { max_lr: 0.1, total_steps: 100 } }, { steps: 100, groups: [{ momentum: 0.9 }] });
    expect(column(table, "lr_0")).toEqual(Array.from(sim.groups[0]!.lr));
    expect(column(table, "momentum_0")).toEqual(Array.from(sim.groups[0]!.momentum!));
    expect(column(table, "momentum_0")[0]).toBe(0.95); // max_momentum at the start
  });

  it("--optimizer adam gives groups (and defaults) betas, so beta1 cycles", async () => {
    const oneCycle = await cli("table", ...ONE_CYCLE, "--optimizer", "adam", "--steps", "10");
    expect(header(oneCycle)).toEqual(["step", "lr_0", "beta1_0"]);
    expect(column(oneCycle, "beta1_0")[0]).toBe(0.95);
    // PyTorch's CyclicLR cycles beta1 only when optimizer.defaults has betas.
    const cyclic = await cli("table", ...CYCLIC, "--steps", "2", "--optimizer", "adam");
    expect(csv(cyclic)).toEqual([["step", "lr_0", "beta1_0"], ["0", "0.1", "0.9"], ["1", "0.55", "0.8500000000000001"], ["2", "1", "0.8"]]);
    const deepspeed = await cli("table", ...DS_ONE_CYCLE, "--steps", "2", "--optimizer", "adam");
    expect(header(deepspeed)).toEqual(["step", "lr_0", "beta1_0", "beta2_0"]);
    expect(column(deepspeed, "beta1_0")).toEqual([0.8, 0.8500000000000001, 0.8]);
  });

  it("lets --momentum, --betas and --groups win over the optimizer kind", async () => {
    const momentum = await cli("table", ...CYCLIC, "--steps", "2", "--optimizer", "adam", "--momentum", "0.5");
    expect(header(momentum)).toEqual(["step", "lr_0", "momentum_0"]);
    const betas = await cli("table", ...ONE_CYCLE, "--steps", "2", "--betas", "0.9,0.99");
    expect(header(betas)).toEqual(["step", "lr_0", "beta1_0"]);
    const groups = await cli("table", ...DS_ONE_CYCLE, "--steps", "2", "--groups", '[{"lr":0.1,"betas":[0.9,0.95]}]');
    expect(header(groups)).toEqual(["step", "lr_0", "beta1_0", "beta2_0"]);
  });

  it("follows a ds_config.json's optimizer type", async () => {
    const config = { train_batch_size: 8, optimizer: { type: "AdamW", params: { lr: 0.01 } }, scheduler: { type: "OneCycle", params: { cycle_first_step_size: 2, cycle_min_lr: 0.01, cycle_max_lr: 0.1 } } };
    writeFileSync(path("ds-adam.json"), JSON.stringify(config));
    const run = await cli("table", path("ds-adam.json"), "--steps", "2");
    expect(run.stderr).toBe("");
    expect(header(run)).toEqual(["step", "lr_0", "beta1_0", "beta2_0"]);
  });

  it("refuses an unknown optimizer kind", async () => {
    await expectError(["table", ...ONE_CYCLE, "--optimizer", "rmsprop"], /Allowed choices are sgd, adam/);
  });
});

describe("plot panels", () => {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", isArray: (name) => ["g", "text", "line", "polyline"].includes(name) });
  type Node = Record<string, unknown>;
  const svgOf = (file: string) => {
    const text = readFileSync(file, "utf8");
    expect(XMLValidator.validate(text)).toBe(true);
    return (parser.parse(text) as { svg: Node }).svg;
  };
  const groups = (svg: Node, cls: string) => (svg.g as Node[]).filter((g) => g.class === cls);

  it("draws momentum under the lr in the terminal and in the SVG (CyclicLR)", async () => {
    const run = await cli("plot", ...CYCLIC, "--steps", "40", "--svg", path("cyclic.svg"));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("CyclicLR: lr over 40 steps\n");
    expect(run.stdout).toContain("CyclicLR: momentum over 40 steps\n");
    const svg = svgOf(path("cyclic.svg"));
    expect(svg.title).toBe("CyclicLR: lr and momentum over 40 steps");
    expect(groups(svg, "series").map((g) => `${g["data-panel"]}:${g["data-label"]}`)).toEqual(["lr:lr_0", "momentum:momentum_0"]);
    expect(groups(svg, "y-axis").map((g) => (g.text as Node[]).at(-1)!["#text"])).toEqual(["lr", "momentum"]);
  });

  it("draws beta1 and beta2 for DeepSpeed's OneCycle on Adam", async () => {
    const run = await cli("plot", ...DS_ONE_CYCLE, "--steps", "8", "--optimizer", "adam", "--svg", path("ds.svg"));
    expect(run.status).toBe(0);
    for (const name of ["lr", "beta1", "beta2"]) expect(run.stdout).toContain(`OneCycle: ${name} over 8 steps\n`);
    expect(svgOf(path("ds.svg")).title).toBe("OneCycle: lr, beta1 and beta2 over 8 steps");
  });

  it("draws Megatron's weight decay with per-group overrides, and tells which groups coincide", async () => {
    const overrides = '[{"lr":1},{"lr":1,"wdMult":0},{"lr":1,"maxLr":0.05},{"lr":1}]';
    const run = await cli("plot", ...MEGATRON, "--steps", "30", "--groups", overrides, "--svg", path("megatron.svg"));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("OptimizerParamScheduler: weight decay over 30 steps\n");
    expect(run.stdout).toContain("lr_1 (= lr_0, drawn once)");
    expect(run.stdout).toContain("weight_decay_3 (= weight_decay_0, drawn once)");
    const svg = svgOf(path("megatron.svg"));
    const series = groups(svg, "series");
    const lr = series.filter((g) => g["data-panel"] === "lr");
    expect(lr).toHaveLength(4);
    // Every group keeps its own color and dash pattern, so coinciding lines stay visible.
    expect(new Set(lr.map((g) => `${g.stroke} ${g["stroke-dasharray"] ?? "solid"}`)).size).toBe(4);
    const wd = series.filter((g) => g["data-panel"] === "weight decay");
    expect(wd.map((g) => g["stroke-dasharray"] ?? "solid")).toEqual(lr.map((g) => g["stroke-dasharray"] ?? "solid"));
    const legends = groups(svg, "legend").map((g) => (g.text as Node[]).map((t) => t["#text"]));
    expect(legends).toEqual([
      ["lr_0", "lr_1 (= lr_0)", "lr_2", "lr_3 (= lr_0)"],
      ["weight_decay_0", "weight_decay_1", "weight_decay_2 (= weight_decay_0)", "weight_decay_3 (= weight_decay_0)"],
    ]);
  });

  it("keeps a plain lr plot as it was: one panel, no legend for one group", async () => {
    const run = await cli("plot", "--type", "StepLR", "-p", "step_size=10", "--steps", "30", "--svg", path("step.svg"));
    expect(run.stdout.match(/ over 30 steps/g)).toHaveLength(1);
    const svg = svgOf(path("step.svg"));
    expect(svg.title).toBe("StepLR: lr over 30 steps");
    expect(groups(svg, "legend")).toHaveLength(0);
  });
});

describe("the terminal chart keeps every peak", () => {
  const chartRows = (stdout: string) => stdout.split("\n").filter((line) => /^ {0,10}\S+ [┼┤]/.test(line));

  it("fills the band of a CyclicLR of 357 cycles instead of drawing a few aliased ones", async () => {
    const run = await cli("plot", ...CYCLIC, "--steps", "1428", "--width", "80");
    expect(run.status).toBe(0);
    const rows = chartRows(run.stdout).slice(0, 16);
    expect(rows[0]).toMatch(/^\s+1 ┼/);
    expect(rows[15]).toMatch(/^\s+0\.1 ┼/);
    // Every column reaches both 1 and 0.1: each middle row is drawn in every column.
    for (const row of rows.slice(1, 15)) expect(row.slice(12)).toMatch(/^[│├┤┼]{68}$/);
    expect(run.stdout).toContain("Each column covers 21 steps");
  });

  it("labels the true peak of a sharp warmup", async () => {
    const args = ["--type", "get_linear_schedule_with_warmup", "-p", "num_warmup_steps=333", "-p", "num_training_steps=10000", "--lr", "1e-3", "--steps", "10000"];
    const run = await cli("plot", ...args, "--width", "80");
    const rows = chartRows(run.stdout);
    expect(rows[0]).toMatch(/^\s+0\.001 ┼/); // sampling one step per column gave 9.88e-4
    expect(rows[15]).toMatch(/^\s+0 ┼/);
  });

  it("fits the width it is given, labels and axis included", async () => {
    for (const width of ["20", "57", "200"]) {
      const run = await cli("plot", ...ONE_CYCLE, "--width", width, "--height", "5");
      expect(run.status).toBe(0);
      expect(Math.max(...run.stdout.split("\n").map((line) => line.length))).toBeLessThanOrEqual(Number(width));
    }
  });
});

describe("warnings", () => {
  it("prints each warning on stderr, one line each, and still succeeds", async () => {
    const run = await cli("table", "--type", "WarmupLR", "-p", "warmup_type=foo", "--steps", "3");
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^warning \[WarmupLR\] unknown-warmup-type: .*\n$/);
    expect(run.stdout.split("\n")[0]).toBe("step,lr_0");
  });

  it("prints the warnings of a run that then fails before its one error line", async () => {
    const run = await cli("table", "--type", "WarmupLR", "-p", "warmup_type=foo", "--steps", "3", "--metrics", "1,2,3");
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^warning \[WarmupLR\] unknown-warmup-type: /);
    expect(lines[1]).toMatch(/^lr-schedulers: simulate: option "metrics" .*WarmupLR does not take a metric/);
  });

  it("prints DeepSpeed's warning about SGD and OneCycle", async () => {
    const run = await cli("plot", ...DS_ONE_CYCLE, "--steps", "4");
    expect(run.status).toBe(0);
    expect(run.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^warning \[OneCycle\] momentum-cycling-disabled: /)]);
  });
});

describe("--version, --increment, --no-chart", () => {
  it("prints the package version", async () => {
    for (const flag of ["--version", "-V"]) {
      const run = await cli(flag);
      expect(run).toEqual({ status: 0, stdout: `${packageVersion}\n`, stderr: "" });
    }
  });

  it("--increment n makes each step() Megatron's step(n)", async () => {
    const run = await cli("table", ...MEGATRON, "--steps", "5", "--increment", "4", "--format", "json");
    expect(run.status).toBe(0);
    const table = JSON.parse(run.stdout) as { columns: string[]; rows: number[][] };
    expect(table.columns).toEqual(["step", "lr_0", "weight_decay_0"]);
    const sim = simulate({ type: "OptimizerParamScheduler", params: MEGATRON_PARAMS }, { steps: 20 });
    expect(table.rows).toEqual([0, 1, 2, 3, 4, 5].map((k) => [k, sim.groups[0]!.lr[4 * k], sim.groups[0]!.weightDecay![4 * k]]));
    expect(table.rows[5]).toEqual([5, 0.01, 0.1]);
  });

  it("refuses --increment for a schedule whose step(x) does not add x, and outside its range", async () => {
    await expectError(["table", "--type", "StepLR", "-p", "step_size=3", "--increment", "2"], /--increment: StepLR's step\(x\) does not add x steps/);
    await expectError(["table", ...MEGATRON, "--increment", "0"], /--increment: "0" is not an integer >= 1 and <= 10,000,000/);
  });

  it("refuses --no-chart without --svg", async () => {
    await expectError(["plot", "--type", "StepLR", "-p", "step_size=3", "--no-chart"], /--no-chart without --svg draws nothing/);
  });
});

describe("limits (issue #20)", () => {
  it.each([
    [["--steps", "0x10"], /--steps: "0x10" is not an integer >= 0 and <= 10,000,000 \(decimal digits only\)/],
    [["--steps", "1e3"], /--steps: "1e3" is not an integer >= 0 and <= 10,000,000/],
    [["--steps", " 16"], /--steps: " 16" is not an integer/],
    [["--steps", "16.0"], /--steps: "16.0" is not an integer/],
    [["--steps", "-1"], /--steps: "-1" is not an integer/],
    [["--steps", "10000001"], /--steps: "10000001" is not an integer >= 0 and <= 10,000,000/],
    [["--height", "1"], /--height: "1" is not an integer >= 2 and <= 200/],
    [["--height", "201"], /--height: "201" is not an integer >= 2 and <= 200/],
    [["--width", "19"], /--width: "19" is not an integer >= 20 and <= 1,000/],
    [["--width", "1e3"], /--width: "1e3" is not an integer >= 20 and <= 1,000/],
  ])("plot %j fails naming the limit", async (flags, message) => {
    await expectError(["plot", "--type", "StepLR", "-p", "step_size=3", ...flags], message);
  });

  it("accepts --steps 0 and the bounds themselves", async () => {
    const zero = await cli("table", "--type", "StepLR", "-p", "step_size=3", "--steps", "0");
    expect(csv(zero)).toEqual([["step", "lr_0"], ["0", "1"]]);
    const plot = await cli("plot", "--type", "StepLR", "-p", "step_size=3", "--steps", "016", "--height", "2", "--width", "20");
    expect(plot.status).toBe(0);
    expect(plot.stdout).toMatch(/^StepLR: lr over 16\nsteps\n/);
  });

  it("refuses /dev/zero, a FIFO and a file over 10 MB without hanging", async () => {
    const fifo = path("fifo.json");
    execFileSync("mkfifo", [fifo]);
    await expectError(["table", fifo], /config file ".*fifo\.json" is not a regular file \(a config file must be a regular file of at most 10 MB\)/);
    await expectError(["table", "/dev/zero"], /config file "\/dev\/zero" is not a regular file .*at most 10 MB/);
    writeFileSync(path("big.json"), `{"type":"StepLR","params":{"step_size":3}}${" ".repeat(10_000_000)}`);
    await expectError(["table", path("big.json")], /config file ".*big\.json" is too large: 10000042 bytes \(.*at most 10 MB\)/);
    writeFileSync(path("fits.json"), `{"type":"StepLR","params":{"step_size":3}}${" ".repeat(9_000_000)}`);
    expect((await cli("table", path("fits.json"), "--steps", "1")).status).toBe(0);
  });
});

describe("non-finite values", () => {
  beforeAll(() => {
    // A user-registered factory whose scheduler writes NaN (the built-in engine refuses to).
    registerScheduler({
      type: "NaNAfterOneLR",
      create: (optimizer) => {
        const scheduler = createScheduler(optimizer, { type: "StepLR", params: { step_size: 1 } });
        let calls = 0;
        scheduler.step = () => {
          calls += 1;
          for (const g of optimizer.paramGroups) g.lr = calls > 1 ? Number.NaN : 0.5;
        };
        return scheduler;
      },
    });
  });
  afterAll(() => {
    unregisterScheduler("NaNAfterOneLR");
  });

  it("are never printed with status 0", async () => {
    for (const command of [["table"], ["table", "--format", "json"], ["plot"]]) {
      await expectError([...command, "--type", "NaNAfterOneLR", "--steps", "3"], /StepLR: lr_0 is NaN at step 2; nothing is printed/);
    }
  });
});
