/**
 * fast-check arbitraries of valid `createScheduler` configs, one entry per registered type. The
 * property and fuzz tests (test/properties/) run every entry; a registered type without an entry
 * fails test/properties/coverage.test.ts, so a new schedule cannot slip past them.
 *
 * The ranges are the ones real runs use (decay factors <= 1, warmups shorter than the run), so
 * that a failure points at the scheduler, not at an overflow the options asked for.
 */
import fc from "fast-check";
import type { LRScheduler, Optimizer } from "../../src/index.js";
import { createScheduler } from "../../src/index.js";
import { adam, sgd } from "./optimizer.js";

/** How the schedule's `step()` is driven. */
export type Drive =
  | "count" // step() only
  | "batchIteration" // DeepSpeed: step() or step(batchIteration), forwards or backwards
  | "increment" // Megatron: step(increment >= 0)
  | "metric" // ReduceLROnPlateau: step(metric)
  | "epochMetric"; // timm's PlateauLRScheduler: step(epoch, metric)

export interface ScheduleCase {
  config: { type: string; params: Record<string, unknown> };
  /** One lr per param group. */
  lrs: number[];
  optimizer: "sgd" | "adam";
  drive: Drive;
  /** The last step the schedule accepts (OneCycleLR's total_steps); undefined when unbounded. */
  lastStep?: number;
}

/** Builds the optimizer and the scheduler of a case. */
export function buildCase(c: ScheduleCase): { optimizer: Optimizer; scheduler: LRScheduler } {
  const optimizer = c.optimizer === "adam" ? adam(...c.lrs) : sgd(...c.lrs);
  return { optimizer, scheduler: createScheduler(optimizer, structuredCloneConfig(c.config)) };
}

/** A deep copy that keeps functions (lr_lambda) as they are. */
function structuredCloneConfig<T>(value: T): T {
  if (Array.isArray(value)) return value.map(structuredCloneConfig) as T;
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneConfig(v)])) as T;
  }
  return value;
}

/** The i-th metric fed to metric-driven schedules: a deterministic, noisy, slowly improving loss. */
export function metricAt(seed: number, k: number): number {
  return 1 / (1 + 0.01 * k) + 0.05 * Math.sin(seed + 1.7 * k);
}

// ---- number helpers -------------------------------------------------------------------------

const real = (min: number, max: number) => fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
const int = (min: number, max: number) => fc.integer({ min, max });
const lr = real(1e-6, 1);
const lrList = fc.array(lr, { minLength: 1, maxLength: 3 });
const ratio = real(0, 1);
/** Optional keys: each is present or left out. */
const opt = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

/** Drops the keys whose value is undefined (left out, not given as undefined). */
function defined(params: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).filter(([, v]) => v !== undefined));
}

type Params = Record<string, unknown>;
type Entry = { params: fc.Arbitrary<Params>; drive?: Drive; optimizer?: "sgd" | "adam" | "any"; lastStep?: (p: Params) => number | undefined };

/** A per-group option: one value, or a list with one value per group (fixed up in `toCase`). */
const perGroup = <T>(arb: fc.Arbitrary<T>) => fc.oneof(arb, fc.array(arb, { minLength: 3, maxLength: 3 }));

// ---- closed-form PyTorch children, reused by the composites -----------------------------------

const torchClosedForm: Record<string, fc.Arbitrary<Params>> = {
  StepLR: fc.record({ step_size: int(1, 50), gamma: opt(ratio) }).map(defined),
  MultiStepLR: fc.record({ milestones: fc.array(int(0, 120), { maxLength: 4 }), gamma: opt(ratio) }).map(defined),
  ConstantLR: fc.record({ factor: opt(real(1e-3, 1)), total_iters: opt(int(0, 50)) }).map(defined),
  LinearLR: fc.record({ start_factor: opt(real(1e-3, 1)), end_factor: opt(ratio), total_iters: opt(int(0, 50)) }).map(defined),
  ExponentialLR: fc.record({ gamma: real(0.5, 1) }),
  PolynomialLR: fc.record({ total_iters: opt(int(0, 100)), power: opt(real(0, 3)) }).map(defined),
  CosineAnnealingLR: fc.record({ T_max: int(1, 150), eta_min: opt(real(0, 1e-3)) }).map(defined),
  CosineAnnealingWarmRestarts: fc.record({ T_0: int(1, 30), T_mult: opt(int(1, 3)), eta_min: opt(real(0, 1e-3)) }).map(defined),
};

const childConfig = fc.constantFrom(...Object.keys(torchClosedForm)).chain((type) => torchClosedForm[type]!.map((params) => ({ type, params })));

/** A sub-schedule of an extension: a closed form, or a composite of them (WithWarmup around a ChainedScheduler). */
const nestedChild = fc.oneof(
  { weight: 4, arbitrary: childConfig },
  { weight: 1, arbitrary: fc.array(childConfig, { minLength: 1, maxLength: 2 }).map((schedulers) => ({ type: "ChainedScheduler", params: { schedulers } })) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(childConfig, childConfig, int(0, 60))
      .map(([first, second, milestone]) => ({ type: "SequentialLR", params: { schedulers: [first, second], milestones: [milestone] } })),
  },
);

// ---- the table --------------------------------------------------------------------------------

const lambdaFamily = fc.oneof(
  real(0.9, 1).map((g) => (epoch: number) => g ** epoch),
  real(0, 0.2).map((k) => (epoch: number) => 1 / (1 + k * epoch)),
  int(1, 20).map((w) => (epoch: number) => Math.min(1, (epoch + 1) / w)),
);

const deepspeedWarmup = {
  warmup_min_lr: opt(perGroup(real(0, 1e-3))),
  warmup_max_lr: opt(perGroup(real(1e-3, 1e-1))),
  warmup_num_steps: opt(int(0, 100)),
  warmup_type: opt(fc.constantFrom("log", "linear")),
};

const hfWarmupTraining = { num_warmup_steps: int(0, 50), num_training_steps: int(0, 250) };

const sambaflowWarmupDecay = fc
  .record({ warmup_steps: int(0, 50), extra: int(1, 200), end_lr_ratio: opt(ratio), steps_this_run: opt(int(1, 300)) })
  .map(({ warmup_steps, extra, ...rest }) => defined({ warmup_steps, max_steps: warmup_steps + extra, ...rest }));

const plateauParams = fc
  .record({
    mode: opt(fc.constantFrom("min", "max")),
    factor: opt(real(0, 0.99)),
    patience: opt(int(0, 5)),
    threshold: opt(real(0, 0.1)),
    threshold_mode: opt(fc.constantFrom("rel", "abs")),
    cooldown: opt(int(0, 3)),
    min_lr: opt(perGroup(real(0, 1e-4))),
    eps: opt(real(0, 1e-6)),
  })
  .map(defined);

const megatron = fc
  .record({
    max_lr: real(1e-5, 1e-2),
    minFrac: ratio,
    initFrac: ratio,
    lr_decay_steps: int(1, 300),
    warmupFrac: real(0, 0.99),
    lr_decay_style: fc.constantFrom("constant", "linear", "cosine", "inverse-square-root", "WSD"),
    wsd_decay_steps: int(0, 100),
    lr_wsd_decay_style: fc.constantFrom("linear", "cosine", "exponential", "minus_sqrt"),
    start_wd: real(0, 0.1),
    wdSpan: real(0, 0.1),
    wd_incr_steps: int(1, 300),
    wd_incr_style: fc.constantFrom("constant", "linear", "cosine"),
  })
  .map(({ max_lr, minFrac, initFrac, warmupFrac, wdSpan, lr_decay_style, wsd_decay_steps, lr_wsd_decay_style, ...rest }) =>
    defined({
      init_lr: max_lr * initFrac,
      max_lr,
      min_lr: max_lr * minFrac,
      lr_warmup_steps: Math.floor(warmupFrac * rest.lr_decay_steps),
      lr_decay_steps: rest.lr_decay_steps,
      lr_decay_style,
      wsd_decay_steps: lr_decay_style === "WSD" ? wsd_decay_steps : undefined,
      lr_wsd_decay_style: lr_decay_style === "WSD" ? lr_wsd_decay_style : undefined,
      start_wd: rest.start_wd,
      end_wd: rest.wd_incr_style === "constant" ? rest.start_wd : rest.start_wd + wdSpan,
      wd_incr_steps: rest.wd_incr_steps,
      wd_incr_style: rest.wd_incr_style,
    }),
  );

const hfGetScheduler = fc.oneof(
  fc.record({ name: fc.constantFrom("linear", "cosine", "cosine_with_restarts"), ...hfWarmupTraining }),
  fc
    .record({ name: fc.constant("polynomial"), ...hfWarmupTraining, scheduler_specific_kwargs: fc.record({ lr_end: fc.constant(0), power: real(0.5, 3) }) })
    .filter((p) => p.num_training_steps !== p.num_warmup_steps),
  fc.record({ name: fc.constantFrom("constant_with_warmup", "inverse_sqrt"), num_warmup_steps: int(0, 50) }),
  fc.record({ name: fc.constant("constant") }),
  fc.record({ name: fc.constantFrom("cosine_with_min_lr", "cosine_warmup_with_min_lr"), ...hfWarmupTraining, scheduler_specific_kwargs: fc.record({ min_lr_rate: ratio }) }),
  fc.record({ name: fc.constant("warmup_stable_decay"), ...hfWarmupTraining, scheduler_specific_kwargs: fc.record({ num_decay_steps: int(0, 50) }) }),
);

// ---- optax (absolute schedules of the step count) ----------------------------------------------

/** A `{ step: scale }` dict as JSON writes it (integer keys as strings), or null / absent. */
const boundariesAndScales = opt(
  fc.oneof(
    { weight: 4, arbitrary: fc.dictionary(int(0, 200).map(String), real(0, 1.5), { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
);

const warmupCosineKwargs = fc
  .record({ init_value: real(0, 1e-3), peak_value: lr, warmup_steps: int(0, 50), extra: int(1, 250), end_value: opt(real(0, 1e-4)), exponent: opt(real(0.5, 3)) })
  .map(({ extra, ...p }) => defined({ ...p, decay_steps: p.warmup_steps + extra }));

const optaxParams: Record<string, fc.Arbitrary<Params>> = {
  constant_schedule: fc.record({ value: lr }),
  polynomial_schedule: fc.record({ init_value: lr, end_value: real(0, 1e-3), power: real(0, 3), transition_steps: int(1, 200), transition_begin: opt(int(0, 50)) }).map(defined),
  linear_schedule: fc.record({ init_value: lr, end_value: real(0, 1e-3), transition_steps: int(1, 200), transition_begin: opt(int(0, 50)) }).map(defined),
  piecewise_constant_schedule: fc.record({ init_value: lr, boundaries_and_scales: boundariesAndScales }).map(defined),
  exponential_decay: fc
    .record({ init_value: lr, transition_steps: int(1, 100), decay_rate: real(0.1, 1), transition_begin: opt(int(0, 50)), staircase: opt(fc.boolean()), end_value: opt(real(0, 1e-4)) })
    .map(defined),
  cosine_decay_schedule: fc.record({ init_value: lr, decay_steps: fc.oneof(int(1, 300), real(0.5, 300)), alpha: opt(ratio), exponent: opt(real(0.5, 3)) }).map(defined),
  piecewise_interpolate_schedule: fc.record({ interpolate_type: fc.constantFrom("linear", "cosine"), init_value: lr, boundaries_and_scales: boundariesAndScales }).map(defined),
  linear_onecycle_schedule: fc
    .record({ transition_steps: int(1, 300), peak_value: lr, pct_start: opt(real(0.1, 0.45)), pct_final: opt(real(0.5, 0.95)), div_factor: opt(real(2, 100)), final_div_factor: opt(real(10, 1e4)) })
    .map(defined),
  cosine_onecycle_schedule: fc
    .record({ transition_steps: int(1, 300), peak_value: lr, pct_start: opt(real(0, 1)), div_factor: opt(real(2, 100)), final_div_factor: opt(real(10, 1e4)) })
    .map(defined),
  warmup_constant_schedule: fc.record({ init_value: real(0, 1e-3), peak_value: lr, warmup_steps: int(1, 50) }),
  warmup_cosine_decay_schedule: warmupCosineKwargs,
  warmup_exponential_decay_schedule: fc
    .record({
      init_value: real(0, 1e-3),
      peak_value: lr,
      warmup_steps: int(1, 50),
      transition_steps: int(1, 100),
      decay_rate: real(0.1, 1),
      transition_begin: opt(int(0, 50)),
      staircase: opt(fc.boolean()),
      end_value: opt(real(0, 1e-4)),
    })
    .map(defined),
  sgdr_schedule: fc.record({ cosine_kwargs: fc.array(warmupCosineKwargs, { minLength: 1, maxLength: 3 }) }),
};

/** An optax schedule as a sub-schedule (of join_schedules, WithPlateau). */
const optaxChild = fc.constantFrom(...Object.keys(optaxParams).filter((t) => t !== "sgdr_schedule")).chain((type) => optaxParams[type]!.map((params) => ({ type, params })));

export const SCHEDULE_TABLE: Record<string, Entry> = {
  ...Object.fromEntries(Object.entries(torchClosedForm).map(([type, params]) => [type, { params }])),
  LambdaLR: { params: fc.record({ lr_lambda: lambdaFamily }) },
  MultiplicativeLR: { params: fc.record({ lr_lambda: real(0.95, 1).map((f) => () => f) }) },
  CyclicLR: {
    params: fc
      .record({
        base_lr: real(1e-5, 1e-3),
        span: real(0, 1e-2),
        step_size_up: int(1, 30),
        step_size_down: opt(fc.option(int(1, 30), { nil: null })),
        mode: opt(fc.constantFrom("triangular", "triangular2", "exp_range")),
        gamma: opt(real(0.9, 1)),
        cycle_momentum: opt(fc.boolean()),
      })
      .map(({ base_lr, span, ...rest }) => defined({ base_lr, max_lr: base_lr + span, ...rest })),
  },
  OneCycleLR: {
    params: fc
      .record({ max_lr: perGroup(real(1e-4, 1)), total_steps: int(10, 200), pct_start: opt(real(0.15, 0.45)), anneal_strategy: opt(fc.constantFrom("cos", "linear")), three_phase: opt(fc.boolean()), cycle_momentum: opt(fc.boolean()) })
      .map(defined),
    lastStep: (p) => p.total_steps as number,
  },
  ReduceLROnPlateau: { params: plateauParams, drive: "metric" },
  SequentialLR: {
    params: fc
      .tuple(fc.array(childConfig, { minLength: 2, maxLength: 3 }), fc.array(int(0, 100), { minLength: 2, maxLength: 2 }))
      .map(([schedulers, ms]) => ({ schedulers, milestones: ms.slice(0, schedulers.length - 1).sort((a, b) => a - b) })),
  },
  ChainedScheduler: { params: fc.record({ schedulers: fc.array(childConfig, { minLength: 1, maxLength: 3 }) }) },

  LRRangeTest: {
    params: fc
      .record({ lr_range_test_min_lr: opt(perGroup(real(1e-5, 1e-2))), lr_range_test_step_size: opt(int(1, 100)), lr_range_test_step_rate: opt(real(0, 2)), lr_range_test_staircase: opt(fc.boolean()) })
      .map(defined),
    drive: "batchIteration",
  },
  OneCycle: {
    params: fc
      .record({
        cycle_min_lr: perGroup(real(1e-5, 1e-3)),
        cycle_max_lr: perGroup(real(1e-3, 1e-1)),
        decay_lr_rate: opt(real(0, 0.5)),
        cycle_first_step_size: opt(int(1, 50)),
        cycle_second_step_size: opt(fc.option(int(1, 50), { nil: null })),
        decay_step_size: opt(int(0, 20)),
        cycle_momentum: opt(fc.boolean()),
        cycle_min_mom: opt(real(0.5, 0.85)),
        cycle_max_mom: opt(real(0.85, 0.99)),
        decay_mom_rate: opt(real(0, 0.1)),
      })
      .map(defined),
    drive: "batchIteration",
  },
  WarmupLR: { params: fc.record(deepspeedWarmup).map(defined), drive: "batchIteration" },
  WarmupDecayLR: {
    params: fc.record({ ...deepspeedWarmup, warmup_num_steps: int(0, 100), extra: int(0, 200) }).map(({ extra, ...p }) => defined({ ...p, total_num_steps: p.warmup_num_steps + extra })),
    drive: "batchIteration",
  },
  WarmupCosineLR: {
    params: fc
      .record({ warmup_num_steps: int(0, 100), extra: int(1, 200), warmup_min_ratio: opt(perGroup(ratio)), cos_min_ratio: opt(ratio), warmup_type: opt(fc.constantFrom("log", "linear")) })
      .map(({ extra, ...p }) => defined({ ...p, total_num_steps: Math.max(2, p.warmup_num_steps) + extra })),
    drive: "batchIteration",
  },

  OptimizerParamScheduler: { params: megatron, drive: "increment" },

  WarmupAnnealDecayHold: {
    params: fc
      .record({ warmup_steps: int(0, 50), extra: int(1, 300), max_lr: real(1e-5, 1e-2), min_lr: opt(real(0, 1e-5)), anneal_percentage: opt(ratio) })
      .map(({ extra, ...p }) => defined({ ...p, max_steps: p.warmup_steps + extra })),
  },

  get_constant_schedule: { params: fc.constant({}) },
  get_constant_schedule_with_warmup: { params: fc.record({ num_warmup_steps: int(0, 50) }) },
  get_linear_schedule_with_warmup: { params: fc.record(hfWarmupTraining) },
  get_cosine_schedule_with_warmup: { params: fc.record({ ...hfWarmupTraining, num_cycles: opt(real(0, 3)) }).map(defined) },
  get_cosine_with_hard_restarts_schedule_with_warmup: { params: fc.record({ ...hfWarmupTraining, num_cycles: opt(int(1, 4)) }).map(defined) },
  get_polynomial_decay_schedule_with_warmup: {
    // A decay of 0 steps is refused (Python divides by zero there).
    params: fc.record({ ...hfWarmupTraining, lr_end: opt(real(0, 1e-7)), power: opt(real(0, 3)) }).filter((p) => p.num_training_steps !== p.num_warmup_steps).map(defined),
  },
  get_inverse_sqrt_schedule: { params: fc.record({ num_warmup_steps: int(0, 50), timescale: opt(real(1, 1000)) }).map(defined) },
  get_cosine_with_min_lr_schedule_with_warmup: {
    params: fc.oneof(fc.record({ ...hfWarmupTraining, min_lr_rate: ratio }), fc.record({ ...hfWarmupTraining, min_lr: real(0, 1e-7) })),
  },
  get_cosine_with_min_lr_schedule_with_warmup_lr_rate: {
    params: fc.oneof(fc.record({ ...hfWarmupTraining, min_lr_rate: ratio, warmup_lr_rate: opt(ratio) }), fc.record({ ...hfWarmupTraining, min_lr: real(0, 1e-7) })).map(defined),
  },
  get_wsd_schedule: {
    params: fc
      .record({
        num_warmup_steps: int(0, 50),
        num_decay_steps: int(0, 50),
        stable: int(0, 100),
        warmup_type: opt(fc.constantFrom("linear", "cosine", "1-sqrt")),
        decay_type: opt(fc.constantFrom("linear", "cosine", "1-sqrt")),
        min_lr_ratio: opt(ratio),
        by_stable: fc.boolean(),
      })
      .map(({ stable, by_stable, ...p }) =>
        defined(by_stable ? { ...p, num_stable_steps: stable } : { ...p, num_training_steps: p.num_warmup_steps + p.num_decay_steps + stable }),
      ),
  },
  get_reduce_on_plateau_schedule: { params: plateauParams, drive: "metric" },
  get_scheduler: { params: hfGetScheduler },

  cosine_schedule_with_warmup: { params: fc.tuple(sambaflowWarmupDecay, opt(real(0, 2))).map(([p, n]) => defined({ ...p, num_cycles: n })) },
  polynomial_decay_schedule_with_warmup: { params: sambaflowWarmupDecay },
  fixed_lr: { params: fc.record({ max_steps: opt(int(1, 1000)), steps_this_run: opt(int(1, 1000)) }).map(defined) },
  step_schedule: { params: fc.record({ decay_steps: opt(int(1, 100)), decay_gamma: opt(ratio) }).map(defined) },

  ExponentialDecay: { params: fc.record({ initial_learning_rate: lr, decay_steps: real(0.5, 100), decay_rate: real(0.1, 1), staircase: opt(fc.boolean()), name: opt(fc.constantFrom("ed", null)) }).map(defined) },
  InverseTimeDecay: { params: fc.record({ initial_learning_rate: lr, decay_steps: real(0.5, 100), decay_rate: real(0, 2), staircase: opt(fc.boolean()) }).map(defined) },
  PolynomialDecay: { params: fc.record({ initial_learning_rate: lr, decay_steps: real(0.5, 200), end_learning_rate: opt(real(0, 1e-3)), power: opt(real(0, 3)), cycle: opt(fc.boolean()) }).map(defined) },
  PiecewiseConstantDecay: { params: fc.array(int(-5, 300), { minLength: 1, maxLength: 5 }).chain((boundaries) => fc.record({ boundaries: fc.constant(boundaries), values: fc.array(lr, { minLength: boundaries.length + 1, maxLength: boundaries.length + 1 }) })) },
  CosineDecay: { params: fc.record({ initial_learning_rate: lr, decay_steps: real(0.5, 300), alpha: opt(ratio), warmup_target: opt(fc.option(lr, { nil: null })), warmup_steps: opt(int(0, 100)) }).map(defined) },
  CosineDecayRestarts: { params: fc.record({ initial_learning_rate: lr, first_decay_steps: real(0.5, 100), t_mul: opt(real(1, 3)), m_mul: opt(real(0.1, 1)), alpha: opt(ratio) }).map(defined) },
  "keras.ReduceLROnPlateau": { params: fc.record({ monitor: opt(fc.constantFrom("val_loss", "loss")), factor: opt(real(0, 0.99)), patience: opt(int(0, 10)), mode: opt(fc.constantFrom("auto", "min", "max")), min_delta: opt(real(-1e-2, 1e-2)), cooldown: opt(int(0, 5)), min_lr: opt(real(0, 1e-4)) }).map(defined), drive: "metric" },
  CosineLRScheduler: { params: fc.record({ t_initial: int(1, 60), lr_min: opt(real(0, 1e-4)), cycle_mul: opt(fc.constantFrom(1, 2, 3)), cycle_decay: opt(real(0.5, 1)), cycle_limit: opt(int(0, 4)), warmup_t: opt(int(0, 10)), warmup_lr_init: opt(real(0, 1e-3)), warmup_prefix: opt(fc.boolean()), k_decay: opt(real(1, 2)), noise_range_t: opt(fc.constantFrom(null, 10, [5, 50])), noise_seed: opt(int(0, 100)) }).map(defined) },
  TanhLRScheduler: { params: fc.record({ t_initial: int(1, 60), lb: opt(real(-8, -1)), ub: opt(real(0, 4)), lr_min: opt(real(0, 1e-4)), cycle_mul: opt(fc.constantFrom(1, 2)), cycle_decay: opt(real(0.5, 1)), cycle_limit: opt(int(0, 4)), warmup_t: opt(int(0, 10)), warmup_lr_init: opt(real(0, 1e-3)), warmup_prefix: opt(fc.boolean()), noise_range_t: opt(fc.constantFrom(null, 10, [5, 50])) }).map(defined) },
  PolyLRScheduler: { params: fc.record({ t_initial: int(1, 60), power: opt(real(0.5, 3)), lr_min: opt(real(0, 1e-4)), cycle_mul: opt(fc.constantFrom(1, 2)), cycle_decay: opt(real(0.5, 1)), cycle_limit: opt(int(0, 4)), warmup_t: opt(int(0, 10)), warmup_lr_init: opt(real(0, 1e-3)), warmup_prefix: opt(fc.boolean()), k_decay: opt(real(1, 2)) }).map(defined) },
  StepLRScheduler: { params: fc.record({ decay_t: fc.oneof(int(1, 30), real(0.5, 30)), decay_rate: opt(real(0.1, 1)), warmup_t: opt(int(0, 10)), warmup_lr_init: opt(real(0, 1e-3)), warmup_prefix: opt(fc.boolean()), t_in_epochs: opt(fc.boolean()), noise_range_t: opt(fc.constantFrom(null, 3, [5, 50])), noise_pct: opt(real(0.1, 1)) }).map(defined) },
  MultiStepLRScheduler: { params: fc.record({ decay_t: fc.array(int(0, 100), { maxLength: 4 }), decay_rate: opt(real(0.1, 1)), warmup_t: opt(int(0, 10)), warmup_lr_init: opt(real(0, 1e-3)), warmup_prefix: opt(fc.boolean()) }).map(defined) },
  PlateauLRScheduler: { params: fc.record({ mode: opt(fc.constantFrom("min", "max")), decay_rate: opt(real(0, 0.99)), patience_t: opt(int(0, 5)), threshold: opt(real(0, 0.1)), cooldown_t: opt(int(0, 3)), warmup_t: opt(int(0, 5)), warmup_lr_init: opt(real(0, 1e-3)), lr_min: opt(real(0, 1e-4)) }).map(defined), drive: "epochMetric" },
  create_scheduler_v2: { params: fc.record({ sched: fc.constantFrom("cosine", "tanh", "step", "multistep", "poly"), num_epochs: int(1, 60), warmup_epochs: opt(int(0, 5)), warmup_prefix: opt(fc.boolean()), decay_epochs: opt(int(1, 20)), cycle_limit: opt(int(1, 3)), min_lr: opt(real(0, 1e-5)), cooldown_epochs: opt(int(0, 5)) }).map(defined) },
  WithWarmup: {
    params: fc
      .record({ schedule: nestedChild, warmup_steps: int(0, 50), warmup_start_factor: opt(real(0.01, 1)), warmup_mode: opt(fc.constantFrom("linear", "exponential", "cosine")) })
      // An exponential ramp cannot start at the default factor 0.
      .map((p) => defined(p.warmup_mode === "exponential" ? { ...p, warmup_start_factor: p.warmup_start_factor ?? 0.1 } : p)),
  },
  PerGroupScheduler: {
    params: fc
      .record({ schedules: fc.oneof(fc.array(childConfig, { minLength: 1, maxLength: 1 }), fc.array(childConfig, { minLength: 3, maxLength: 3 })), lr_scale: opt(perGroup(real(0.1, 10))) })
      .map(defined),
  },
  ...Object.fromEntries(Object.entries(optaxParams).map(([type, params]) => [type, { params }])),
  join_schedules: {
    params: fc
      .tuple(fc.array(optaxChild, { minLength: 1, maxLength: 3 }), fc.array(int(0, 150), { minLength: 2, maxLength: 2 }))
      .map(([schedules, bs]) => ({ schedules, boundaries: bs.slice(0, schedules.length - 1).sort((a, b) => a - b) })),
  },
  WithPlateau: { params: fc.tuple(fc.oneof(nestedChild, optaxChild), plateauParams).map(([schedule, p]) => ({ schedule, ...p })), drive: "metric" },
  EpochUnits: {
    params: fc
      .record({ schedule: nestedChild, steps_per_epoch: fc.oneof(int(1, 100), real(0.5, 100)), end_epoch: opt(real(0, 50)), past_end: opt(fc.constantFrom("hold", "continue")) })
      .map(defined),
  },
};

/** Names the table covers. */
export const coveredTypes = (): string[] => Object.keys(SCHEDULE_TABLE).sort();

/** Options given per param group: the table draws their lists with 3 entries, cut here to the group count. */
const PER_GROUP_KEYS = new Set(["max_lr", "min_lr", "warmup_min_lr", "warmup_max_lr", "warmup_min_ratio", "lr_range_test_min_lr", "cycle_min_lr", "cycle_max_lr", "lr_scale"]);

function fitGroups(value: unknown, groups: number, key: string): unknown {
  if (!Array.isArray(value)) return value;
  if (PER_GROUP_KEYS.has(key)) return value.slice(0, groups);
  // PerGroupScheduler: one schedule for every group, or one per group.
  if (key === "schedules" && value.length === 3 && groups !== 3) return value.slice(0, 1);
  return value;
}

/** Valid cases of one registered type. @throws Error when the type has no entry in the table. */
export function scheduleCase(type: string): fc.Arbitrary<ScheduleCase> {
  const entry = SCHEDULE_TABLE[type];
  if (!entry) throw new Error(`test/support/arbitraries.ts has no arbitrary for the registered type "${type}"`);
  return fc.record({ params: entry.params, lrs: lrList, adam: fc.boolean() }).map(({ params, lrs, adam }) => {
    const groups = lrs.length;
    const fitted = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, fitGroups(v, groups, k)]));
    return {
      config: { type, params: fitted },
      lrs,
      optimizer: adam ? "adam" : "sgd",
      drive: entry.drive ?? "count",
      lastStep: entry.lastStep?.(fitted),
    } satisfies ScheduleCase;
  });
}

/** One action on a running schedule: a plain step, or the drive's own argument. */
export type Action = { kind: "step" } | { kind: "arg"; value: number };

/** Sequences of step calls fit for a case's drive (jumps for DeepSpeed, increments for Megatron). */
export function actions(c: ScheduleCase, maxLength = 120): fc.Arbitrary<Action[]> {
  const plain = fc.constant<Action>({ kind: "step" });
  const withArg = (arb: fc.Arbitrary<number>) => fc.oneof({ weight: 4, arbitrary: plain }, { weight: 1, arbitrary: arb.map((value): Action => ({ kind: "arg", value })) });
  const action =
    c.drive === "batchIteration" ? withArg(int(-1, 400)) : c.drive === "increment" ? withArg(int(0, 40)) : plain;
  const limit = c.lastStep !== undefined ? Math.min(maxLength, c.lastStep) : maxLength;
  return fc.array(action, { maxLength: limit });
}

/** Performs action `k` of a run on `scheduler` (metric-driven schedules get `metricAt(seed, k)`). */
export function perform(scheduler: LRScheduler, c: ScheduleCase, action: Action, k: number, seed = 0): void {
  if (c.drive === "metric") scheduler.step(metricAt(seed, k));
  else if (c.drive === "epochMetric") scheduler.step(k + 1, metricAt(seed, k));
  else if (action.kind === "arg") scheduler.step(action.value);
  else scheduler.step();
}
