import * as z from "zod/mini";
import { megatronIncrements } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { InvalidOptionError } from "../../core/errors.js";
import type { ParamGroup } from "../../core/optimizer.js";
import type { OptionsOf } from "../../core/options.js";
import { bool, nonNegativeInt, nonNegativeNumber, num, oneOf, positiveInt, withDefault } from "../../core/schema.js";
import type { SchedulerStateDict } from "../../core/state.js";
import { megatronDialect } from "./checkpoint.js";
import { groupValues, type GroupDefaults, type GroupValues } from "./group-overrides.js";
import { LR_DECAY_STYLES, LR_WSD_DECAY_STYLES, lrSchedule } from "./lr-schedule.js";
import { WD_INCR_STYLES, weightDecaySchedule } from "./weight-decay.js";

const TYPE = "OptimizerParamScheduler";

/** An option Python may pass as `None`: null is taken as absent, so that None and a left-out option are the same setting. */
const noneOr = <T>(schema: z.ZodMiniType<T, T>) => z.pipe(z.nullish(schema), z.transform((v: T | null | undefined) => v ?? undefined));

const options = () => ({
  /** The lr the warmup starts from (scheduler-wide; groups cannot override it). */
  initLr: num(),
  /** The peak lr, reached at the end of the warmup; a group's `maxLr` overrides it. */
  maxLr: num(),
  /** The floor lr, reached at `lrDecaySteps`; a group's `minLr` overrides it. */
  minLr: nonNegativeNumber(),
  /** Steps of linear warmup from `initLr` to `maxLr` (0: none). Megatron's `--lr-warmup-fraction` makes it a fraction of `lrDecaySteps`, so it need not be whole. */
  lrWarmupSteps: nonNegativeNumber(),
  /** The step at which the decay reaches `minLr`, counted from 0 (warmup included). */
  lrDecaySteps: positiveInt(),
  lrDecayStyle: oneOf(LR_DECAY_STYLES),
  /** Weight decay at step 0; a group's `startWd` overrides it. */
  startWd: nonNegativeNumber(),
  /** Weight decay from `wdIncrSteps` on; a group's `endWd` overrides it. */
  endWd: num(),
  wdIncrSteps: nonNegativeInt(),
  /** `"constant"` needs `startWd === endWd`. */
  wdIncrStyle: oneOf(WD_INCR_STYLES),
  /** A loaded checkpoint's settings replace the constructor's; with false they must equal them. */
  useCheckpointOptParamScheduler: withDefault(bool(), true),
  /** A loaded checkpoint's settings are ignored (needs `useCheckpointOptParamScheduler: false`). */
  overrideOptParamScheduler: withDefault(bool(), false),
  /** WSD: length of the final anneal, which ends at `lrDecaySteps`. Required with `lrDecayStyle: "WSD"`. */
  wsdDecaySteps: noneOr(nonNegativeInt()),
  /** WSD: shape of the final anneal. Required with `lrDecayStyle: "WSD"` when `wsdDecaySteps > 0`. */
  lrWsdDecayStyle: noneOr(oneOf(LR_WSD_DECAY_STYLES)),
});

type Options = OptionsOf<ReturnType<typeof options>>;

/** The options that choose how a checkpoint is loaded: the constructor's choice, never a checkpoint's. */
const POLICY_OPTIONS = ["useCheckpointOptParamScheduler", "overrideOptParamScheduler"] as const;

const defaultsOf = (o: Options): GroupDefaults => ({ maxLr: o.maxLr, minLr: o.minLr, startWd: o.startWd, endWd: o.endWd, constantWd: o.wdIncrStyle === "constant" });

/** Megatron's constructor asserts, and what it would only fail on later, as option errors. */
function check(o: Options, fail: (option: string, value: unknown, expected: string) => never): void {
  if (o.maxLr < o.minLr) fail("maxLr", o.maxLr, `>= min_lr (${o.minLr})`);
  if (o.initLr > o.maxLr) fail("initLr", o.initLr, `<= max_lr (${o.maxLr})`);
  if (o.lrWarmupSteps >= o.lrDecaySteps) fail("lrWarmupSteps", o.lrWarmupSteps, `< lr_decay_steps (${o.lrDecaySteps})`);
  if (o.lrDecayStyle === "WSD") {
    if (o.wsdDecaySteps === undefined) fail("wsdDecaySteps", o.wsdDecaySteps, 'given when lr_decay_style is "WSD"');
    // Megatron fails when the anneal starts; without an anneal (wsd_decay_steps 0) it runs.
    if (o.lrWsdDecayStyle === undefined && o.wsdDecaySteps > 0) {
      fail("lrWsdDecayStyle", o.lrWsdDecayStyle, `given when lr_decay_style is "WSD" and wsd_decay_steps > 0 (one of ${LR_WSD_DECAY_STYLES.join(", ")})`);
    }
  }
  if (o.endWd < o.startWd) fail("endWd", o.endWd, `>= start_wd (${o.startWd})`);
  if (o.wdIncrStyle === "constant" && o.endWd !== o.startWd) fail("endWd", o.endWd, `equal to start_wd (${o.startWd}) when wd_incr_style is "constant"`);
  if (o.wdIncrStyle !== "constant" && o.wdIncrSteps === 0) fail("wdIncrSteps", 0, `> 0 when wd_incr_style is "${o.wdIncrStyle}"`);
  if (o.overrideOptParamScheduler && o.useCheckpointOptParamScheduler) {
    fail("overrideOptParamScheduler", true, "false unless use_checkpoint_opt_param_scheduler is false (it defaults to true)");
  }
}

const OptimizerParamSchedule = /* @__PURE__ */ defineSchedule({
  type: TYPE,
  family: "megatron",
  counter: megatronIncrements,
  base: "absolute",
  options,
  build(o, { groups, fail }) {
    check(o, fail);
    const values = groups.map((g, i) => groupValues(g, defaultsOf(o), TYPE, `paramGroups[${i}]`));
    const lr = lrSchedule(o);
    const wd = weightDecaySchedule(o);
    return {
      // The weight decay's share of the step goes into shared[0], read by `weightDecay` right after.
      slots: 1,
      shape(n, shared) {
        shared[0] = wd.shape(n);
        return lr.shape(n);
      },
      lr(i, s, n) {
        const g = values[i]!;
        return lr.lr(g.maxLr, g.minLr, n, s);
      },
      weightDecay(i, _s, n, shared) {
        const g = values[i]!;
        return wd.wd(g.startWd, g.endWd, n, shared[0]!) * g.wdMult;
      },
      baseLrs: values.map((g) => g.maxLr),
    };
  },
  reference: megatronDialect,
  loadPolicy: (o) => (o.overrideOptParamScheduler ? "current" : o.useCheckpointOptParamScheduler ? "checkpoint" : "strict"),
});

/**
 * Megatron-LM's `OptimizerParamScheduler`: a warmup from `initLr` to `maxLr`, then a decay to
 * `minLr` (constant, linear, cosine, inverse-square-root or warmup-stable-decay), and a weight decay
 * that increases from `startWd` to `endWd`. Every step writes both `lr` and `weightDecay` (times
 * the group's `wdMult`) into every group; a group's `maxLr`, `minLr`, `startWd` and `endWd` override
 * the scheduler's. `step(increment)` advances the counter (`num_steps`) by `increment` (default 1);
 * construction is `step(0)`.
 *
 * Loading Megatron's own `state_dict()` follows Megatron: its `num_steps` is added to the current
 * count, and the weight decay written by the load still uses the settings from before the load
 * (the loaded ones apply from the next step). `useCheckpointOptParamScheduler` and
 * `overrideOptParamScheduler` choose, for both Megatron's dicts and ours, whether the checkpoint's
 * settings replace the constructor's, must equal them, or are ignored.
 * @example
 * const scheduler = new OptimizerParamScheduler(optimizer, {
 *   initLr: 0, maxLr: 3e-4, minLr: 3e-5, lrWarmupSteps: 2000, lrDecaySteps: 100_000, lrDecayStyle: "cosine",
 *   startWd: 0.01, endWd: 0.1, wdIncrSteps: 100_000, wdIncrStyle: "linear",
 * });
 * for (let i = 0; i < 100_000; i++) { trainStep(); scheduler.step(); }
 */
export class OptimizerParamScheduler extends OptimizerParamSchedule {
  /**
   * Megatron's `get_lr(param_group)`: the lr of a group (a param group, or its index in the
   * optimizer) at the current step, with the group's `maxLr` / `minLr` where it has them. The group
   * is read as it is now; nothing is written.
   * @throws InvalidOptimizerError for a group whose overrides the scheduler would refuse
   * @example
   * scheduler.getLrOf(optimizer.paramGroups[1]); // or scheduler.getLrOf(1)
   */
  getLrOf(group: Readonly<ParamGroup> | number): number {
    const g = this.#groupValues(group);
    const n = this.lastEpoch;
    const lr = lrSchedule(this.options);
    return lr.lr(g.maxLr, g.minLr, n, lr.shape(n));
  }

  /**
   * Megatron's `get_wd(param_group=None)`: the weight decay at the current step before `wdMult`, with
   * the group's `startWd` / `endWd` where it has them, or the scheduler's without a group.
   * @example
   * scheduler.getWd(); // the scheduler-wide value
   * scheduler.getWd(optimizer.paramGroups[2]); // with that group's startWd / endWd
   */
  getWd(group?: Readonly<ParamGroup> | number): number {
    const o = this.options;
    const g = group === undefined ? { startWd: o.startWd, endWd: o.endWd } : this.#groupValues(group);
    return weightDecayAt(o, g, this.lastEpoch);
  }

  /**
   * The weight decay group `i` gets at step `n`, `wdMult` included: what a step to `n` writes. Pure.
   * @example
   * scheduler.weightDecayAt(0, 5000);
   */
  weightDecayAt(i: number, n: number): number {
    const g = this.#groupValues(i);
    return weightDecayAt(this.options, g, n) * g.wdMult;
  }

  /** Our state dict, without the two policy options: they are the constructor's choice of how to load a checkpoint, as in Megatron, whose dict has neither. */
  override stateDict(): SchedulerStateDict {
    const dict = super.stateDict();
    const saved = { ...dict.options };
    for (const option of POLICY_OPTIONS) delete saved[option];
    return { ...dict, options: saved };
  }

  #groupValues(group: Readonly<ParamGroup> | number): GroupValues {
    const groups = this.optimizer.paramGroups;
    if (typeof group !== "number") return groupValues(group, defaultsOf(this.options), TYPE, "group");
    if (!Number.isInteger(group) || group < 0 || group >= groups.length) {
      throw new InvalidOptionError(TYPE, "group", group, `a param group, or the index of one (0 to ${groups.length - 1})`);
    }
    return groupValues(groups[group]!, defaultsOf(this.options), TYPE, `paramGroups[${group}]`);
  }
}

function weightDecayAt(o: Options, g: { startWd: number; endWd: number }, n: number): number {
  const wd = weightDecaySchedule(o);
  return wd.wd(g.startWd, g.endWd, n, wd.shape(n));
}

export type OptimizerParamSchedulerOptions = SchedulerOptions<typeof OptimizerParamScheduler>;
