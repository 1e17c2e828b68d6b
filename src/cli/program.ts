/**
 * The `lr-schedulers` command line: `plot` (terminal chart, optional SVG) and `table` (CSV or
 * JSON) of any schedule, from a config file, `--type`/`--param` or the embedded default. Every
 * warning the scheduler reports is printed on stderr, one line each; every failure ends as one
 * line on stderr and a non-zero status, never a stack trace.
 */
import { writeFileSync } from "node:fs";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import packageJson from "../../package.json" with { type: "json" };
import { LRSchedulerError, knownSchedulerTypes } from "../index.js";
import { parseNumberList, readInput, UsageError, type InputFlags } from "./input.js";
import { LIMITS, parseBoundedInteger } from "./limits.js";
import { panelNames } from "./panels.js";
import { runSimulation, type Preview } from "./simulation.js";
import { renderSvg } from "./svg.js";
import { toCsv, toJson } from "./table.js";
import { renderTerminalChart } from "./terminal-chart.js";

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Terminal width for the chart (default 80). */
  columns?: number;
  /** Whether the terminal shows colors. */
  color?: boolean;
}

interface PlotFlags extends InputFlags {
  svg?: string;
  chart: boolean;
  height: string;
  width?: string;
}

interface TableFlags extends InputFlags {
  every: string;
  format: "csv" | "json";
}

const collect = (value: string, previous: string[] | undefined) => [...(previous ?? []), value];

/** Wraps a parser so that its mistakes become commander's own "invalid argument" errors. */
const numbers = (flag: string) => {
  const parse = parseNumberList(flag);
  return (text: string, previous: number[] | undefined) => {
    try {
      return parse(text, previous);
    } catch (error) {
      throw new InvalidArgumentError((error as Error).message);
    }
  };
};

/** The options `plot` and `table` share. */
function addInputOptions(command: Command): Command {
  return command
    .argument("[config]", "JSON file: { \"type\", \"params\" } or a whole ds_config.json")
    .option("-t, --type <type>", "scheduler type, e.g. StepLR, WarmupLR, get_cosine_schedule_with_warmup (see `lr-schedulers types`)")
    .option("-p, --param <key=value>", "a scheduler parameter, repeatable; the value is JSON (30, [30,80], true) or a string", collect)
    .option("--default", "the built-in example: cosine decay with 100 warmup steps, 10,000 steps, lr 3e-4")
    .option("-s, --steps <n>", `number of step() calls to simulate, 0 to ${LIMITS.steps.max.toLocaleString("en-US")} (default: 100; 10000 with --default)`)
    .option("--lr <values>", "initial lr of each param group, comma-separated (one group per value; default 1)", numbers("--lr"))
    .option("--groups <json>", 'the param groups as a JSON list, e.g. \'[{"lr":0.1,"momentum":0.9},{"lr":0.01}]\'')
    .option("--momentum <m>", "momentum of every group")
    .option("--betas <b1,b2>", "Adam betas of every group", numbers("--betas"))
    .addOption(
      new Option("--optimizer <kind>", "the optimizer previewed: sgd (groups with momentum 0.9) or adam (betas 0.9,0.999), for the groups without --momentum/--betas (default: sgd, or a ds_config.json's optimizer)").choices(["sgd", "adam"]),
    )
    .option("--increment <n>", `Megatron's OptimizerParamScheduler: each step() is step(n), 1 to ${LIMITS.increment.max.toLocaleString("en-US")}`)
    .option("--metrics <values>", "one metric per step, comma-separated (ReduceLROnPlateau)", numbers("--metrics"));
}

/** Simulates what the flags ask for; each warning goes to stderr as one line. */
function previewOf(file: string | undefined, flags: InputFlags, io: CliIO): Preview {
  return runSimulation(readInput(file, flags), (line) => io.stderr(`${line}\n`));
}

export function buildProgram(io: CliIO): Command {
  const program = new Command("lr-schedulers")
    .description("Preview learning-rate schedules (PyTorch, DeepSpeed, Megatron-LM, BioNeMo, Hugging Face, SambaFlow, Keras, timm, optax) before training.")
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // One line, in the same form as the CLI's own errors.
      outputError: (text, write) => write(`lr-schedulers: ${text.replace(/^error: /, "").trim()} (see --help)\n`),
    })
    .exitOverride()
    .version(packageJson.version, "-V, --version", "print the version of lr-schedulers")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  lr-schedulers plot --default --svg schedule.svg",
        "  lr-schedulers plot ds_config.json --steps 2000",
        "  lr-schedulers plot --type OneCycleLR -p max_lr=0.1 -p total_steps=1000 --steps 1000 --optimizer adam",
        "  lr-schedulers table megatron.json --increment 8 --steps 125   # Megatron: each step() is step(8)",
        "  lr-schedulers table --type StepLR --param step_size=30 --lr 0.1,0.01 --steps 100 --every 10",
        "  lr-schedulers table config.json --format json",
      ].join("\n"),
    );

  addInputOptions(program.command("plot").description("draw the lr of every param group (and momentum, beta1, beta2, weight decay where the schedule writes them) in the terminal, and as an SVG with --svg"))
    .option("--svg <file>", "also write the chart as an SVG file")
    .option("--no-chart", "do not draw in the terminal (needs --svg: only write the file)")
    .option("--height <rows>", `rows of the terminal's lr panel, ${LIMITS.height.min} to ${LIMITS.height.max} (the other panels get half)`, "15")
    .option("--width <columns>", `terminal chart width in columns, ${LIMITS.width.min} to ${LIMITS.width.max} (default: the terminal's, at most 120)`)
    .action((file: string | undefined, flags: PlotFlags) => {
      if (!flags.chart && flags.svg === undefined) throw new UsageError("--no-chart without --svg draws nothing: give --svg <file>, or drop --no-chart");
      const height = parseBoundedInteger("--height", flags.height, LIMITS.height);
      const width =
        flags.width === undefined
          ? Math.min(Math.max(io.columns ?? 80, LIMITS.width.min), 120)
          : parseBoundedInteger("--width", flags.width, LIMITS.width);
      const { sim, panels } = previewOf(file, flags, io);
      if (flags.chart) io.stdout(renderTerminalChart(sim, panels, { width, height, color: io.color ?? false }));
      if (flags.svg !== undefined) {
        const svg = renderSvg({
          title: `${sim.type}: ${panelNames(panels)} over ${sim.steps} steps`,
          panels: panels.map((p) => ({
            name: p.name,
            series: p.series.map((s) => s.values),
            labels: p.series.map((s) => s.label),
            groups: p.series.map((s) => s.group),
            sameAs: p.series.map((s) => s.sameAs),
          })),
        });
        try {
          writeFileSync(flags.svg, svg);
        } catch (error) {
          throw new UsageError(`cannot write "${flags.svg}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
        }
        io.stdout(`SVG written to ${flags.svg}\n`);
      }
    });

  addInputOptions(program.command("table").description("print the lr (and momentum / beta1 / beta2 / weight decay where set) of every group at every step"))
    .option("-e, --every <n>", `print every n-th step, 1 to ${LIMITS.every.max.toLocaleString("en-US")} (the last step is always printed)`, "1")
    .addOption(new Option("-f, --format <format>", "output format").choices(["csv", "json"]).default("csv"))
    .action((file: string | undefined, flags: TableFlags) => {
      const every = parseBoundedInteger("--every", flags.every, LIMITS.every);
      const { sim, momentumNames } = previewOf(file, flags, io);
      io.stdout(flags.format === "json" ? toJson(sim, every, momentumNames) : toCsv(sim, every, momentumNames));
    });

  program
    .command("types")
    .description("list every scheduler type")
    .action(() => io.stdout(`${knownSchedulerTypes().join("\n")}\n`));
  return program;
}

/** Runs the CLI on `argv` (without node and the script); resolves to the exit status. */
export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: "user" });
    return 0;
  } catch (error) {
    // Commander has already printed its own message (and help, for --help).
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof UsageError || error instanceof LRSchedulerError) {
      io.stderr(`lr-schedulers: ${error.message}\n`);
      return 1;
    }
    io.stderr(`lr-schedulers: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
    return 2;
  }
}
