/**
 * A schedule of your own: subclass LRScheduler with a type name, an options schema and a closed
 * form lrAt(group, step). Registered, it works with createScheduler, simulate, the CLI, and
 * checkpoints, with no more code.
 * Run: npx vite-node --config vitest.config.ts examples/custom-schedule.ts
 */
import { strict as assert } from "node:assert";
import { createScheduler, InvalidOptionError, LRScheduler, registerScheduler, schema, simulate, type Optimizer } from "lr-schedulers";
import * as z from "zod/mini";

const { positiveInt, numberIn } = schema;

interface HalvingOptions {
  /** Halve the lr every `every` steps. */
  every: number;
  /** Never go below `floor` times the base lr. Default 0. */
  floor?: number;
}

/** Halves each group's lr every `every` steps, down to a floor. */
class HalvingLR extends LRScheduler<HalvingOptions> {
  static readonly schedulerType = "HalvingLR";
  static readonly optionsSchema = z.strictObject({
    every: positiveInt(),
    floor: z.optional(numberIn(0, 1)),
  });

  constructor(optimizer: Optimizer, options: HalvingOptions) {
    super(optimizer, options);
  }

  protected lrAt(i: number, t: number): number {
    return this.baseLrs[i]! * Math.max(0.5 ** Math.floor(t / this.options.every), this.options.floor ?? 0);
  }
}

registerScheduler(HalvingLR);

// Built from a config, with the snake_case spelling a Python config would use for other options.
const optimizer: Optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.02 }] };
const scheduler = createScheduler(optimizer, { type: "HalvingLR", params: { every: 10, floor: 0.1 } });
for (let step = 0; step < 25; step++) scheduler.step();
console.log(`after 25 steps: ${scheduler.getLastLr().join(", ")}`);
assert.deepEqual(scheduler.getLastLr(), [0.025, 0.005]);

// Checkpoints work out of the box.
const resumed = createScheduler({ paramGroups: [{ lr: 0.1 }, { lr: 0.02 }] }, { type: "HalvingLR", params: { every: 10, floor: 0.1 } });
resumed.loadStateDict(JSON.parse(JSON.stringify(scheduler.stateDict())));
assert.equal(resumed.lastEpoch, 25);

// So does the preview: the floor holds from step 40 on.
const preview = simulate({ type: "HalvingLR", params: { every: 10, floor: 0.1 } }, { steps: 60, lr: 1 });
console.log(`preview: step 0 ${preview.groups[0]!.lr[0]}, step 30 ${preview.groups[0]!.lr[30]}, step 60 ${preview.groups[0]!.lr[60]}`);
assert.equal(preview.groups[0]!.lr[60], 0.1);

// Bad options are refused by the schema, naming the option.
assert.throws(
  () => createScheduler(optimizer, { type: "HalvingLR", params: { every: 0 } }),
  (error: unknown) => error instanceof InvalidOptionError && error.option === "every",
);
console.log('HalvingLR with every: 0 is refused: InvalidOptionError on "every"');
