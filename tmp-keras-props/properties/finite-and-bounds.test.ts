/**
 * No NaN and no ±Infinity reaches a param group from an accepted option set, at any step the
 * schedule accepts, and the documented bounds hold: cosine annealing stays between eta_min and
 * the base lr, warmups rise monotonically, decays stay between their floor and their peak.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { knownSchedulerTypes, type LRScheduler, type Optimizer } from "../../src/index.js";
import { actions, buildCase, perform, scheduleCase, type ScheduleCase } from "../support/arbitraries.js";
import { scheduledNumbers } from "./group-values.js";

const seeds = fc.integer({ min: 0, max: 1000 });

/** Runs a case for `steps` plain steps, calling `visit(t)` after construction and after each step. */
function trace(c: ScheduleCase, steps: number, visit: (t: number, s: { optimizer: Optimizer; scheduler: LRScheduler }) => void): void {
  const built = buildCase(c);
  visit(0, built);
  for (let t = 1; t <= steps; t++) {
    perform(built.scheduler, c, { kind: "step" }, t - 1);
    visit(t, built);
  }
}

/** Relative slack for comparisons of values computed in different orders. */
const near = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(Math.abs(a), Math.abs(b));
const atMost = (a: number, b: number) => a <= b || near(a, b);

describe("only finite values reach the groups", () => {
  for (const type of knownSchedulerTypes()) {
    it(type, () => {
      const property = scheduleCase(type).chain((c) => fc.record({ c: fc.constant(c), acts: actions(c, 300), seed: seeds }));
      fc.assert(
        fc.property(property, ({ c, acts, seed }) => {
          const { optimizer, scheduler } = buildCase(c);
          const check = (when: string) => {
            for (const v of scheduledNumbers(optimizer)) expect(Number.isFinite(v), `${when}: ${v}`).toBe(true);
            for (const v of scheduler.getLastLr()) expect(Number.isFinite(v), `${when}: last lr ${v}`).toBe(true);
          };
          check("after construction");
          acts.forEach((a, n) => {
            perform(scheduler, c, a, n, seed);
            check(`after step ${n + 1}`);
          });
        }),
        { numRuns: 30 },
      );
    });
  }
});

describe("documented bounds", () => {
  it("CosineAnnealingLR stays between eta_min and the base lr", () => {
    fc.assert(
      fc.property(scheduleCase("CosineAnnealingLR"), (c) => {
        const etaMin = (c.config.params.eta_min as number | undefined) ?? 0;
        trace(c, 400, (t, { optimizer }) =>
          optimizer.paramGroups.forEach((g, i) => {
            const base = c.lrs[i]!;
            expect(atMost(Math.min(etaMin, base), g.lr) && atMost(g.lr, Math.max(etaMin, base)), `step ${t}: ${g.lr}`).toBe(true);
          }),
        );
      }),
      { numRuns: 50 },
    );
  });

  it("get_cosine_schedule_with_warmup rises monotonically during the warmup, then stays within [0, base lr]", () => {
    const cases = scheduleCase("get_cosine_schedule_with_warmup").filter((c) => c.config.params.num_cycles === undefined);
    fc.assert(
      fc.property(cases, (c) => {
        const warmup = c.config.params.num_warmup_steps as number;
        let previous = -Infinity;
        trace(c, 300, (t, { optimizer }) => {
          const lr = optimizer.paramGroups[0]!.lr;
          if (t <= warmup) expect(lr, `warmup step ${t}`).toBeGreaterThanOrEqual(previous);
          expect(lr >= 0 && atMost(lr, c.lrs[0]!), `step ${t}: ${lr}`).toBe(true);
          previous = lr;
        });
      }),
      { numRuns: 50 },
    );
  });

  it("DeepSpeed WarmupLR rises monotonically from warmup_min_lr to warmup_max_lr and holds there", () => {
    const cases = scheduleCase("WarmupLR").filter((c) => {
      const { warmup_min_lr: min = 0, warmup_max_lr: max = 0.001 } = c.config.params as { warmup_min_lr?: number | number[]; warmup_max_lr?: number | number[] };
      return [min].flat().every((m, i) => m <= ([max].flat()[i] ?? [max].flat()[0]!));
    });
    fc.assert(
      fc.property(cases, (c) => {
        const min = [(c.config.params.warmup_min_lr as number | number[] | undefined) ?? 0].flat();
        const max = [(c.config.params.warmup_max_lr as number | number[] | undefined) ?? 0.001].flat();
        const previous = c.lrs.map(() => -Infinity);
        trace(c, 250, (t, { optimizer }) =>
          optimizer.paramGroups.forEach((g, i) => {
            const lo = min[i] ?? min[0]!;
            const hi = max[i] ?? max[0]!;
            expect(atMost(lo, g.lr) && atMost(g.lr, hi), `step ${t} group ${i}: ${g.lr} outside [${lo}, ${hi}]`).toBe(true);
            expect(atMost(previous[i]!, g.lr), `step ${t} group ${i}: fell from ${previous[i]} to ${g.lr}`).toBe(true);
            previous[i] = g.lr;
          }),
        );
      }),
      { numRuns: 50 },
    );
  });

  it("WithWarmup rises monotonically towards the base lr over its warmup_steps", () => {
    fc.assert(
      fc.property(scheduleCase("WithWarmup"), (c) => {
        const warmup = c.config.params.warmup_steps as number;
        const previous = c.lrs.map(() => -Infinity);
        trace(c, warmup - 1, (t, { optimizer }) =>
          optimizer.paramGroups.forEach((g, i) => {
            expect(atMost(previous[i]!, g.lr) && atMost(g.lr, c.lrs[i]!), `step ${t} group ${i}: ${g.lr}`).toBe(true);
            previous[i] = g.lr;
          }),
        );
      }),
      { numRuns: 50 },
    );
  });

  it("Megatron's lr stays within [min_lr, max_lr] after the warmup and its weight decay within [start_wd, end_wd]", () => {
    fc.assert(
      fc.property(scheduleCase("OptimizerParamScheduler"), (c) => {
        const p = c.config.params as { init_lr: number; max_lr: number; min_lr: number; lr_warmup_steps: number; start_wd: number; end_wd: number };
        trace(c, 400, (t, { optimizer }) =>
          optimizer.paramGroups.forEach((g) => {
            const lo = t <= p.lr_warmup_steps ? Math.min(p.init_lr, p.min_lr) : p.min_lr;
            expect(atMost(lo, g.lr) && atMost(g.lr, p.max_lr), `step ${t}: lr ${g.lr}`).toBe(true);
            expect(atMost(p.start_wd, g.weightDecay!) && atMost(g.weightDecay!, p.end_wd), `step ${t}: wd ${g.weightDecay}`).toBe(true);
          }),
        );
      }),
      { numRuns: 50 },
    );
  });

  it("OneCycleLR never exceeds max_lr and ends at max_lr / (div_factor * final_div_factor)", () => {
    fc.assert(
      fc.property(scheduleCase("OneCycleLR"), (c) => {
        const maxLr = [c.config.params.max_lr as number | number[]].flat();
        const total = c.config.params.total_steps as number;
        trace(c, total, (t, { optimizer }) =>
          optimizer.paramGroups.forEach((g, i) => {
            const peak = maxLr[i] ?? maxLr[0]!;
            expect(atMost(g.lr, peak), `step ${t}: ${g.lr} > ${peak}`).toBe(true);
            if (t === total - 1) expect(g.lr).toBeCloseTo(peak / 25 / 1e4, 15);
          }),
        );
      }),
      { numRuns: 50 },
    );
  });
});
