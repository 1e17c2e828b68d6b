/**
 * The floor of each benchmarked schedule: the same schedule written by hand, as a training loop
 * would inline it (constants folded, no validation, no state dict, no class). `step.bench.ts`
 * times `scheduler.step()` against a loop that evaluates this and writes the groups.
 *
 * `lr(t, base)` is the lr at step t for a group whose base lr is `base`. Schedules whose lr is not a
 * function of the step (ReduceLROnPlateau, MultiplicativeLR) or that write more than the lr
 * (Megatron's weight decay) supply their own `loop` instead.
 */
import type { ParamGroup } from "../src/index.js";

export interface Floor {
  lr?: (t: number, base: number) => number;
  /** Runs steps `from + 1 .. from + n` on the groups, whatever the schedule keeps between steps. */
  loop?: (groups: ParamGroup[], bases: Float64Array, from: number, n: number) => void;
}

export interface BenchCase {
  type: string;
  params: Record<string, unknown>;
  floor: Floor;
  /** Metric-driven: `step(metric)` is called with this series. */
  metric?: boolean;
}

const { cos, floor, min, max, sqrt, PI } = Math;
const BIG = 1_000_000_000;
const cosine = (p: number) => 0.5 * (1 + cos(PI * p));
const warm = (t: number, w: number) => (t < w ? t / w : 1);

/** The metric fed to the plateau schedules: improving, then flat (so the lr is cut now and then). */
export const metricAt = (t: number) => (t % 5000 < 2500 ? 1 / (1 + t) : 0.5);

function plateauLoop(groups: ParamGroup[], _bases: Float64Array, from: number, n: number): void {
  // mode min, rel threshold 1e-4, patience 10, factor 0.1, min_lr 0, eps 1e-8 (PyTorch's defaults)
  for (let t = from + 1; t <= from + n; t++) {
    const m = metricAt(t);
    if (m < plateau.best * (1 - 1e-4)) {
      plateau.best = m;
      plateau.bad = 0;
    } else plateau.bad++;
    if (plateau.bad > 10) {
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i]!;
        const next = max(g.lr * 0.1, 0);
        if (g.lr - next > 1e-8) g.lr = next;
      }
      plateau.bad = 0;
    }
    // PyTorch reads every group's lr back into `_last_lr` on every step, cut or not.
    for (let i = 0; i < groups.length; i++) plateau.lastLr[i] = groups[i]!.lr;
  }
}
const plateau = { best: Infinity, bad: 0, lastLr: new Float64Array(8) };

export const BENCH_CASES: BenchCase[] = [
  // PyTorch
  { type: "StepLR", params: { step_size: 30, gamma: 0.5 }, floor: { lr: (t, b) => b * 0.5 ** floor(t / 30) } },
  { type: "MultiStepLR", params: { milestones: [30, 80, 120], gamma: 0.1 }, floor: { lr: (t, b) => b * 0.1 ** (+(t >= 30) + +(t >= 80) + +(t >= 120)) } },
  { type: "ConstantLR", params: { factor: 0.5, total_iters: 100 }, floor: { lr: (t, b) => (t < 100 ? b * 0.5 : b) } },
  { type: "LinearLR", params: { start_factor: 0.25, total_iters: 100 }, floor: { lr: (t, b) => b * (0.25 + (0.75 * min(t, 100)) / 100) } },
  { type: "ExponentialLR", params: { gamma: 0.999999 }, floor: { lr: (t, b) => b * 0.999999 ** t } },
  { type: "PolynomialLR", params: { total_iters: BIG, power: 2 }, floor: { lr: (t, b) => b * (1 - min(t, BIG) / BIG) ** 2 } },
  { type: "CosineAnnealingLR", params: { T_max: BIG, eta_min: 1e-5 }, floor: { lr: (t, b) => 1e-5 + (b - 1e-5) * cosine(t / BIG) } },
  { type: "CosineAnnealingWarmRestarts", params: { T_0: 1000, eta_min: 1e-5 }, floor: { lr: (t, b) => 1e-5 + (b - 1e-5) * cosine((t % 1000) / 1000) } },
  {
    type: "CyclicLR",
    params: { base_lr: 1e-4, max_lr: 1e-2, step_size_up: 2000, cycle_momentum: false },
    floor: { lr: (t) => 1e-4 + (1e-2 - 1e-4) * max(0, 1 - Math.abs(t / 2000 - 2 * floor(1 + t / 4000) + 1)) },
  },
  {
    type: "OneCycleLR",
    params: { max_lr: 0.1, total_steps: BIG, cycle_momentum: false },
    floor: {
      lr: (t) => {
        const up = 0.3 * BIG - 1;
        return t <= up ? 0.004 + (0.1 - 0.004) * (1 - cosine(t / up)) : 4e-7 + (0.1 - 4e-7) * cosine((t - up) / (BIG - 1 - up));
      },
    },
  },
  { type: "ReduceLROnPlateau", params: {}, floor: { loop: plateauLoop }, metric: true },
  { type: "LambdaLR", params: { lr_lambda: (e: number) => 0.99999 ** e }, floor: { lr: (t, b) => b * 0.99999 ** t } },
  {
    type: "MultiplicativeLR",
    params: { lr_lambda: () => 0.99999 },
    floor: {
      loop: (groups, _bases, from, n) => {
        for (let t = from + 1; t <= from + n; t++) for (let i = 0; i < groups.length; i++) groups[i]!.lr *= 0.99999;
      },
    },
  },
  {
    type: "SequentialLR",
    params: { schedulers: [{ type: "LinearLR", params: { start_factor: 0.1, total_iters: 1000 } }, { type: "CosineAnnealingLR", params: { T_max: BIG } }], milestones: [1000] },
    floor: { lr: (t, b) => (t < 1000 ? b * (0.1 + (0.9 * t) / 1000) : b * cosine((t - 1000) / BIG)) },
  },
  {
    type: "ChainedScheduler",
    params: { schedulers: [{ type: "ConstantLR", params: { factor: 0.5, total_iters: 100 } }, { type: "ExponentialLR", params: { gamma: 0.999999 } }] },
    floor: { lr: (t, b) => b * (t < 100 ? 0.5 : 1) * 0.999999 ** t },
  },
  // DeepSpeed (counter starts at -1: the t-th step() is batch iteration t - 1)
  { type: "LRRangeTest", params: { lr_range_test_min_lr: 1e-3, lr_range_test_step_size: 2000 }, floor: { lr: (t) => 1e-3 * (1 + t / 2000) } },
  {
    type: "OneCycle",
    params: { cycle_min_lr: 1e-4, cycle_max_lr: 1e-2, cycle_first_step_size: 2000, decay_lr_rate: 0.1, decay_step_size: 1000, cycle_momentum: false },
    floor: {
      lr: (t) => {
        if (t - 1 >= 4000) return 1e-4 / (1 + 0.1 * ((t - 4000) / 1000));
        const x = t / 4000 - floor(t / 4000);
        return 1e-4 + (1e-2 - 1e-4) * (x <= 0.5 ? x / 0.5 : (x - 1) / -0.5);
      },
    },
  },
  { type: "WarmupLR", params: { warmup_max_lr: 1e-3, warmup_num_steps: 1000, warmup_type: "linear" }, floor: { lr: (t) => 1e-3 * warm(t - 1, 1000) } },
  {
    type: "WarmupDecayLR",
    params: { total_num_steps: BIG, warmup_max_lr: 1e-3, warmup_num_steps: 1000, warmup_type: "linear" },
    floor: { lr: (t) => (t - 1 < 1000 ? (1e-3 * (t - 1)) / 1000 : 1e-3 * max(0, (BIG - t + 1) / (BIG - 1000))) },
  },
  {
    type: "WarmupCosineLR",
    params: { total_num_steps: BIG, warmup_num_steps: 1000, warmup_type: "linear" },
    floor: { lr: (t, b) => (t - 1 < 1000 ? (b * (t - 1)) / 1000 : b * max(0, 1e-4 + (1 - 1e-4) * cosine((t - 1000) / (BIG - 1000)))) },
  },
  // Megatron: lr and weight decay
  {
    type: "OptimizerParamScheduler",
    params: {
      init_lr: 0, max_lr: 1e-3, min_lr: 1e-5, lr_warmup_steps: 1000, lr_decay_steps: BIG, lr_decay_style: "cosine",
      start_wd: 0.01, end_wd: 0.1, wd_incr_steps: BIG, wd_incr_style: "linear",
    },
    floor: {
      loop: (groups, _bases, from, n) => {
        for (let t = from + 1; t <= from + n; t++) {
          const lr = t <= 1000 ? (1e-3 * t) / 1000 : 1e-5 + (1e-3 - 1e-5) * cosine((t - 1000) / (BIG - 1000));
          const wd = 0.01 + (0.1 - 0.01) * (min(t, BIG) / BIG);
          for (let i = 0; i < groups.length; i++) {
            groups[i]!.lr = lr;
            groups[i]!.weightDecay = wd;
          }
        }
      },
    },
  },
  // BioNeMo
  {
    type: "WarmupAnnealDecayHold",
    params: { warmup_steps: 2000, max_steps: 500_000, max_lr: 4e-4, min_lr: 4e-5, anneal_percentage: 0.1 },
    floor: { lr: (t) => (t < 2000 ? 4e-5 + ((4e-4 - 4e-5) * t) / 2000 : max(4e-4 * (1 - (t - 2000) / 498_000), 4e-5)) },
  },
  // Hugging Face transformers
  { type: "get_constant_schedule", params: {}, floor: { lr: (_t, b) => b } },
  { type: "get_constant_schedule_with_warmup", params: { num_warmup_steps: 1000 }, floor: { lr: (t, b) => b * warm(t, 1000) } },
  { type: "get_linear_schedule_with_warmup", params: { num_warmup_steps: 1000, num_training_steps: BIG }, floor: { lr: (t, b) => b * (t < 1000 ? t / 1000 : max(0, (BIG - t) / (BIG - 1000))) } },
  { type: "get_cosine_schedule_with_warmup", params: { num_warmup_steps: 1000, num_training_steps: BIG }, floor: { lr: (t, b) => b * (t < 1000 ? t / 1000 : max(0, cosine((t - 1000) / (BIG - 1000)))) } },
  {
    type: "get_cosine_with_hard_restarts_schedule_with_warmup",
    params: { num_warmup_steps: 1000, num_training_steps: BIG, num_cycles: 3 },
    floor: { lr: (t, b) => b * (t < 1000 ? t / 1000 : max(0, cosine((3 * ((t - 1000) / (BIG - 1000))) % 1))) },
  },
  {
    type: "get_polynomial_decay_schedule_with_warmup",
    params: { num_warmup_steps: 1000, num_training_steps: BIG, lr_end: 1e-7, power: 2 },
    // lr_init is the optimizer's defaults.lr, 0.1 in the benchmark
    floor: { lr: (t, b) => (t < 1000 ? (b * t) / 1000 : (b * ((0.1 - 1e-7) * (1 - (t - 1000) / (BIG - 1000)) ** 2 + 1e-7)) / 0.1) },
  },
  { type: "get_inverse_sqrt_schedule", params: { num_warmup_steps: 1000 }, floor: { lr: (t, b) => b * (t < 1000 ? t / 1000 : 1 / sqrt(t / 1000)) } },
  {
    type: "get_cosine_with_min_lr_schedule_with_warmup",
    params: { num_warmup_steps: 1000, num_training_steps: BIG, min_lr_rate: 0.1 },
    floor: { lr: (t, b) => b * (t < 1000 ? t / 1000 : 0.1 + 0.9 * cosine((t - 1000) / (BIG - 1000))) },
  },
  {
    type: "get_cosine_with_min_lr_schedule_with_warmup_lr_rate",
    params: { num_warmup_steps: 1000, num_training_steps: BIG, min_lr_rate: 0.1 },
    floor: { lr: (t, b) => b * (t < 1000 ? (t + 1) / 1000 : 0.1 + 0.9 * cosine((t - 1000) / (BIG - 1000))) },
  },
  {
    type: "get_wsd_schedule",
    params: { num_warmup_steps: 1000, num_decay_steps: 1000, num_training_steps: BIG },
    floor: { lr: (t, b) => b * (t < 1000 ? t / 1000 : t < BIG - 1000 ? 1 : max(0, 1 - (t - (BIG - 1000)) / 1000)) },
  },
  { type: "get_reduce_on_plateau_schedule", params: {}, floor: { loop: plateauLoop }, metric: true },
  {
    type: "get_scheduler",
    params: { name: "cosine", num_warmup_steps: 1000, num_training_steps: BIG },
    floor: { lr: (t, b) => b * (t < 1000 ? t / 1000 : max(0, cosine((t - 1000) / (BIG - 1000)))) },
  },
  // SambaFlow
  {
    type: "cosine_schedule_with_warmup",
    params: { warmup_steps: 1000, max_steps: BIG },
    floor: { lr: (t, b) => b * (t < 1000 ? t / 1000 : 0.1 + 0.9 * cosine(min(1, (t - 1000) / (BIG - 1000)))) },
  },
  {
    type: "polynomial_decay_schedule_with_warmup",
    params: { warmup_steps: 1000, max_steps: BIG },
    floor: { lr: (t, b) => b * (t < 1000 ? t / 1000 : 1 - min(1, (t - 1000) / (BIG - 1000))) },
  },
  { type: "fixed_lr", params: {}, floor: { lr: (_t, b) => b } },
  { type: "step_schedule", params: { decay_steps: 100_000, decay_gamma: 0.5 }, floor: { lr: (t, b) => b * 0.5 ** floor(t / 100_000) } },
  // Extensions
  {
    type: "WithWarmup",
    params: { schedule: { type: "CosineAnnealingLR", params: { T_max: BIG } }, warmup_steps: 1000 },
    floor: { lr: (t, b) => (t < 1000 ? (b * t) / 1000 : b * cosine((t - 1000) / BIG)) },
  },
  {
    type: "PerGroupScheduler",
    params: { schedules: [{ type: "StepLR", params: { step_size: 30, gamma: 0.5 } }], lr_scale: 0.5 },
    floor: { lr: (t, b) => 0.5 * b * 0.5 ** floor(t / 30) },
  },
  {
    type: "EpochUnits",
    params: { schedule: { type: "CosineAnnealingLR", params: { T_max: 100_000 } }, steps_per_epoch: 100 },
    floor: { lr: (t, b) => b * cosine(t / 100 / 100_000) },
  },
];
