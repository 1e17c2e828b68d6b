/**
 * Resume is exact: run a random valid schedule to a random step k, save its state dict through
 * JSON, load it into a fresh optimizer and scheduler, continue, and get the values of the
 * uninterrupted run bit for bit (DeepSpeed runs include batch-iteration jumps, Megatron runs
 * random increments, plateau runs a metric series).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { knownSchedulerTypes } from "../../src/index.js";
import { actions, buildCase, perform, scheduleCase } from "../support/arbitraries.js";
import { groupValues } from "./group-values.js";

const runs = fc.integer({ min: 0, max: 2 ** 31 - 1 });

describe("resume from a JSON state dict is exact", () => {
  for (const type of knownSchedulerTypes()) {
    it(type, () => {
      const property = scheduleCase(type).chain((c) => fc.record({ c: fc.constant(c), acts: actions(c), split: runs, seed: runs, restoreOptimizer: fc.boolean() }));
      fc.assert(
        fc.property(property, ({ c, acts, split, seed, restoreOptimizer }) => {
          const k = split % (acts.length + 1);
          const straight = buildCase(c);
          const expected: [unknown[][], number[]][] = [];
          acts.forEach((a, n) => {
            perform(straight.scheduler, c, a, n, seed);
            expected.push([groupValues(straight.optimizer), straight.scheduler.getLastLr()]);
          });

          const first = buildCase(c);
          for (let n = 0; n < k; n++) perform(first.scheduler, c, acts[n]!, n, seed);
          const saved = JSON.stringify(first.scheduler.stateDict());
          const savedGroups = JSON.stringify(first.optimizer.paramGroups);

          const resumed = buildCase(c);
          // An optimizer's own load_state_dict overwrites its groups' hyper-parameters in place.
          if (restoreOptimizer) (JSON.parse(savedGroups) as object[]).forEach((g, i) => Object.assign(resumed.optimizer.paramGroups[i]!, g));
          resumed.scheduler.loadStateDict(JSON.parse(saved));
          if (k > 0) expect(groupValues(resumed.optimizer), "right after the load").toStrictEqual(expected[k - 1]![0]);
          for (let n = k; n < acts.length; n++) {
            perform(resumed.scheduler, c, acts[n]!, n, seed);
            const got = [groupValues(resumed.optimizer), resumed.scheduler.getLastLr()];
            // toStrictEqual uses Object.is on numbers: bit for bit, -0 and 0 apart.
            expect(got, `step ${n + 1} of ${acts.length}, resumed after ${k}`).toStrictEqual(expected[n]);
          }
        }),
        { numRuns: 40 },
      );
    });
  }
});
