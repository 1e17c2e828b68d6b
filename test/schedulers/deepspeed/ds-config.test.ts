import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  InvalidConfigError,
  InvalidOptionError,
  OneCycle,
  UnknownSchedulerTypeError,
  WarmupCosineLR,
  WarmupDecayLR,
  WarmupLR,
  createScheduler,
} from "../../../src/index.js";
import { REFERENCE_DIR } from "../../support/reference.js";
import { adam, sgd, thrown } from "../../support/optimizer.js";

/** A ds_config.json in the shape DeepSpeed training jobs use, every section filled in. */
const dsConfig = {
  train_batch_size: 256,
  train_micro_batch_size_per_gpu: 8,
  gradient_accumulation_steps: 4,
  steps_per_print: 100,
  optimizer: { type: "AdamW", params: { lr: 3e-4, betas: [0.9, 0.95], eps: 1e-8, weight_decay: 0.1 } },
  scheduler: {
    type: "WarmupDecayLR",
    params: { total_num_steps: 10000, warmup_min_lr: 0, warmup_max_lr: 3e-4, warmup_num_steps: 500, warmup_type: "linear" },
  },
  gradient_clipping: 1.0,
  bf16: { enabled: true },
  zero_optimization: { stage: 2, overlap_comm: true, contiguous_gradients: true, reduce_bucket_size: 5e8 },
  activation_checkpointing: { partition_activations: true },
  wall_clock_breakdown: false,
};

describe("createScheduler with a ds_config.json", () => {
  it("builds the scheduler of the 'scheduler' section and ignores the rest", () => {
    const optimizer = adam(3e-4);
    const scheduler = createScheduler(optimizer, dsConfig);
    expect(scheduler).toBeInstanceOf(WarmupDecayLR);
    expect((scheduler as WarmupDecayLR).options).toMatchObject({ totalNumSteps: 10000, warmupMaxLr: 3e-4, warmupNumSteps: 500, warmupType: "linear" });
    expect(optimizer.paramGroups[0]!.lr).toBe(0);
    scheduler.step(250);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(1.5e-4, 18);
    scheduler.step(5250);
    expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(1.5e-4, 18);
  });

  it("builds every DeepSpeed type from DeepSpeed's own names", () => {
    const configs = [
      { type: "WarmupLR", params: { warmup_max_lr: 1e-3 } },
      { type: "WarmupCosineLR", params: { total_num_steps: 100, warmup_num_steps: 10 } },
      { type: "OneCycle", params: { cycle_min_lr: 1e-4, cycle_max_lr: 1e-3, cycle_first_step_size: 10 } },
      { type: "LRRangeTest", params: { lr_range_test_min_lr: 1e-5 } },
    ];
    const built = configs.map((scheduler) => createScheduler(adam(1e-3), { ...dsConfig, scheduler }));
    expect(built.map((s) => s.type)).toEqual(["WarmupLR", "WarmupCosineLR", "OneCycle", "LRRangeTest"]);
    expect(built[0]).toBeInstanceOf(WarmupLR);
    expect(built[1]).toBeInstanceOf(WarmupCosineLR);
    expect(built[2]).toBeInstanceOf(OneCycle);
  });

  it("reproduces the reference run built from a whole ds_config (dsconfig/WarmupLR-config-page-sgd)", () => {
    const c = JSON.parse(readFileSync(join(REFERENCE_DIR, "dsconfig", "WarmupLR-config-page-sgd.json"), "utf8")) as {
      config: Record<string, unknown>;
      initial: { lr: number[] };
      steps: { lr: number[] }[];
    };
    const optimizer = sgd(0.001);
    const scheduler = createScheduler(optimizer, c.config);
    expect(scheduler).toBeInstanceOf(WarmupLR);
    expect(optimizer.paramGroups[0]!.lr).toBe(c.initial.lr[0]);
    expect(c.steps).toHaveLength(150);
    c.steps.forEach((expected) => {
      scheduler.step();
      expect(optimizer.paramGroups[0]!.lr).toBeCloseTo(expected.lr[0]!, 15);
    });
  });

  const malformed: [Record<string, unknown>, string][] = [
    [{ optimizer: dsConfig.optimizer, fp16: { enabled: true } }, "type"],
    [{ ...dsConfig, scheduler: "WarmupLR" }, "scheduler"],
    [{ ...dsConfig, scheduler: null }, "scheduler"],
    [{ ...dsConfig, scheduler: { params: { warmup_max_lr: 1e-3 } } }, "scheduler.type"],
    [{ ...dsConfig, scheduler: { type: "WarmupLR", params: [1e-3] } }, "scheduler.params"],
  ];
  for (const [config, field] of malformed) {
    it(`refuses a ds_config whose ${field} is missing or malformed`, () => {
      const error = thrown(() => createScheduler(sgd(0.1), config)) as InvalidConfigError;
      expect(error).toBeInstanceOf(InvalidConfigError);
      expect(error.field).toBe(field);
    });
  }

  it("refuses an unknown scheduler type, listing the DeepSpeed ones", () => {
    const error = thrown(() => createScheduler(sgd(0.1), { ...dsConfig, scheduler: { type: "WarmupLinearLR", params: {} } })) as UnknownSchedulerTypeError;
    expect(error).toBeInstanceOf(UnknownSchedulerTypeError);
    expect(error.known).toEqual(expect.arrayContaining(["LRRangeTest", "OneCycle", "WarmupLR", "WarmupDecayLR", "WarmupCosineLR"]));
  });

  it('refuses "auto" values (left for a trainer to fill in), naming the option', () => {
    const scheduler = { type: "WarmupLR", params: { warmup_min_lr: "auto", warmup_max_lr: "auto", warmup_num_steps: "auto" } };
    const error = thrown(() => createScheduler(sgd(0.1), { ...dsConfig, scheduler })) as InvalidOptionError;
    expect(error).toBeInstanceOf(InvalidOptionError);
    expect(error.option).toBe("warmup_min_lr");
    expect(error.value).toBe("auto");
  });
});
