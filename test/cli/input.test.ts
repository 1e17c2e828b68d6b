import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCHEDULE } from "../../src/cli/default-schedule.js";
import { parseNumberList, parseParam, readInput, UsageError } from "../../src/cli/input.js";

const dir = mkdtempSync(join(tmpdir(), "lr-schedulers-input-"));
const file = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe("parseParam", () => {
  it("reads JSON values and keeps anything else as a string", () => {
    expect(parseParam("step_size=30")).toEqual(["step_size", 30]);
    expect(parseParam("milestones=[30,80]")).toEqual(["milestones", [30, 80]]);
    expect(parseParam("cycle_momentum=false")).toEqual(["cycle_momentum", false]);
    expect(parseParam("warmup_type=linear")).toEqual(["warmup_type", "linear"]);
    expect(parseParam("x=a=b")).toEqual(["x", "a=b"]);
  });

  it("refuses text without a key", () => {
    expect(() => parseParam("step_size")).toThrow(UsageError);
    expect(() => parseParam("=3")).toThrow(/--param: "=3" is not key=value/);
  });
});

describe("parseNumberList", () => {
  it("splits on commas and adds repeated flags", () => {
    const parse = parseNumberList("--lr");
    expect(parse("0.1,0.01", undefined)).toEqual([0.1, 0.01]);
    expect(parse("3e-4", [0.1])).toEqual([0.1, 3e-4]);
    expect(() => parse("0.1,abc", undefined)).toThrow(/--lr: "abc" is not a finite number/);
    expect(() => parse("0.1,", undefined)).toThrow(UsageError);
  });
});

describe("readInput", () => {
  it("builds the config from --type and --param", () => {
    const { config, options } = readInput(undefined, { type: "StepLR", param: ["step_size=3", "gamma=0.5"], steps: "20", lr: [0.1, 0.2] });
    expect(config).toEqual({ type: "StepLR", params: { step_size: 3, gamma: 0.5 } });
    expect(options).toEqual({ steps: 20, lr: [0.1, 0.2], groups: [{ momentum: 0.9 }, { momentum: 0.9 }] });
  });

  it("reads a config file and lets --param override its params", () => {
    const path = file("step.json", JSON.stringify({ type: "StepLR", params: { step_size: 3, gamma: 0.5 } }));
    expect(readInput(path, { param: ["gamma=0.9"] }).config).toEqual({ type: "StepLR", params: { step_size: 3, gamma: 0.9 } });
    expect(readInput(path, {}).options).toEqual({ steps: 100, groups: [{ momentum: 0.9 }] });
  });

  it("merges --param into the scheduler section of a ds_config.json", () => {
    const path = file("ds.json", JSON.stringify({ train_batch_size: 8, scheduler: { type: "WarmupLR", params: { warmup_num_steps: 10 } } }));
    expect(readInput(path, { param: ["warmup_max_lr=0.01"] }).config).toEqual({
      train_batch_size: 8,
      scheduler: { type: "WarmupLR", params: { warmup_num_steps: 10, warmup_max_lr: 0.01 } },
    });
  });

  it("uses the embedded default schedule with --default", () => {
    const { config, options } = readInput(undefined, { default: true });
    expect(config).toEqual(DEFAULT_SCHEDULE.config);
    expect(options).toEqual({ steps: 10_000, lr: [3e-4], groups: [{ momentum: 0.9 }] });
  });

  it("puts --momentum and --betas into every group", () => {
    expect(readInput(undefined, { type: "CyclicLR", lr: [0.1, 0.2], momentum: "0.9" }).options.groups).toEqual([{ momentum: 0.9 }, { momentum: 0.9 }]);
    expect(readInput(undefined, { type: "OneCycle", groups: '[{"lr":0.1}]', betas: [0.9, 0.99] }).options.groups).toEqual([{ lr: 0.1, betas: [0.9, 0.99] }]);
  });

  it("gives every group SGD's momentum by default, or Adam's betas, unless the group has its own", () => {
    expect(readInput(undefined, { type: "OneCycleLR" }).options.groups).toEqual([{ momentum: 0.9 }]);
    expect(readInput(undefined, { type: "OneCycleLR", optimizer: "adam", lr: [0.1, 0.2] }).options.groups).toEqual([{ betas: [0.9, 0.999] }, { betas: [0.9, 0.999] }]);
    const groups = '[{"lr":0.1,"momentum":0.5},{"lr":0.2,"betas":[0.8,0.9]},{"lr":0.3}]';
    const input = readInput(undefined, { type: "OneCycleLR", optimizer: "adam", groups });
    expect(input.options.groups).toEqual([{ lr: 0.1, momentum: 0.5 }, { lr: 0.2, betas: [0.8, 0.9] }, { lr: 0.3, betas: [0.9, 0.999] }]);
    expect(input.momentumNames).toEqual(["momentum", "beta1", "beta1"]);
    expect(readInput(undefined, { type: "OneCycleLR", optimizer: "adam", momentum: "0.8" }).options.groups).toEqual([{ momentum: 0.8 }]);
  });

  it("takes a ds_config.json's optimizer: its momentum or betas, else its type", () => {
    const ds = (optimizer: unknown) => file("ds-opt.json", JSON.stringify({ optimizer, scheduler: { type: "OneCycle", params: {} } }));
    const adam = readInput(ds({ type: "Adam", params: { lr: 0.01 } }), {});
    expect(adam.options.groups).toEqual([{ betas: [0.9, 0.999] }]);
    expect(adam.configGroup).toEqual({ lr: 0.01 });
    const sgd = readInput(ds({ type: "SGD", params: { lr: 0.01, momentum: 0.8 } }), {});
    expect(sgd.options.groups).toEqual([{}]);
    expect(sgd.momentumNames).toEqual(["momentum"]);
    const betas = readInput(ds({ type: "Lamb", params: { betas: [0.8, 0.9] } }), {});
    expect(betas.options.groups).toEqual([{}]);
    expect(betas.momentumNames).toEqual(["beta1"]);
  });

  it("reads --increment", () => {
    expect(readInput(undefined, { type: "OptimizerParamScheduler", increment: "16" }).increment).toBe(16);
    expect(readInput(undefined, { type: "OptimizerParamScheduler" }).increment).toBeUndefined();
  });

  it.each([
    [undefined, {}, /give a config file, --type <T> or --default/],
    ["x.json", { type: "StepLR" }, /give only one of/],
    [undefined, { type: "StepLR", steps: "-1" }, /--steps: "-1" is not an integer >= 0 and <= 10,000,000 \(decimal digits only\)/],
    [undefined, { type: "StepLR", steps: "ten" }, /--steps: "ten" is not an integer >= 0 and <= 10,000,000/],
    [undefined, { type: "StepLR", steps: "0x10" }, /--steps: "0x10" is not an integer/],
    [undefined, { type: "StepLR", increment: "1.5" }, /--increment: "1.5" is not an integer >= 1 and <= 10,000,000/],
    [undefined, { type: "StepLR", groups: "[1]" }, /--groups: expected a JSON list of param group objects/],
    [undefined, { type: "StepLR", groups: "{" }, /--groups: not valid JSON/],
    [undefined, { type: "StepLR", betas: [0.9] }, /--betas: expected two numbers/],
    [join(dir, "missing.json"), {}, /cannot read config file ".*missing\.json": no such file/],
    [dir, {}, /cannot read config file ".*" \(EISDIR\)/],
  ])("refuses %s %j", (path, flags, message) => {
    expect(() => readInput(path, flags)).toThrow(UsageError);
    expect(() => readInput(path, flags)).toThrow(message);
  });

  it("refuses a file that is not JSON or not an object", () => {
    expect(() => readInput(file("bad.json", "{ type: StepLR"), {})).toThrow(/config file ".*bad\.json" is not valid JSON/);
    expect(() => readInput(file("list.json", "[1]"), {})).toThrow(/must hold a JSON object/);
  });
});
