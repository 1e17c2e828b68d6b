/**
 * A schedule of your own: a schedule is a value. `defineSchedule` takes a type name, an options
 * schema, a counting convention and a pure `build` that returns the closed form; the class it
 * returns works with createScheduler, SequentialLR, simulate, the CLI and checkpoints.
 * Run: npm run example -- examples/custom-schedule.ts
 */
import { strict as assert } from "node:assert";
import { createScheduler, InvalidOptionError, registerScheduler, simulate, type Optimizer } from "lr-schedulers";
import { defineSchedule, num, positiveInt, torchEpochs, withDefault } from "lr-schedulers/extend";

/** Halves each group's lr every `every` steps, down to `floor` times the base lr. */
export const HalvingLR = defineSchedule({
  type: "HalvingLR",
  family: "custom",
  counter: torchEpochs, // PyTorch's convention: construction writes step 0, step() adds one
  options: () => ({ every: positiveInt(), floor: withDefault(num(), 0), start: withDefault(num(), 1) }),
  build: ({ every, floor, start }, { fail }) => {
    if (floor > start) return fail("floor", floor, `at most start (${start})`); // a rule across two options
    return { shape: (t) => Math.max(start * 0.5 ** Math.floor(t / every), floor) }; // lr = base lr * shape(t)
  },
});

registerScheduler(HalvingLR);

// Tell the compiler about the new name, so that createScheduler types its params (and still
// refuses a misspelled type at compile time).
declare module "lr-schedulers" {
  interface RegisteredSchedulers {
    HalvingLR: typeof HalvingLR;
  }
}

// Built from a config, with the snake_case spelling a Python config would use.
const optimizer: Optimizer = { paramGroups: [{ lr: 0.1 }, { lr: 0.02 }] };
const scheduler = createScheduler(optimizer, { type: "HalvingLR", params: { every: 10, floor: 0.25 } });
for (let step = 0; step < 25; step++) scheduler.step();
console.log(`after 25 steps: ${scheduler.getLastLr().join(", ")}`);
assert.deepEqual(scheduler.getLastLr(), [0.025, 0.005]);

// Checkpoints work out of the box: resumed from JSON, the next step is the same.
const resumed = new HalvingLR({ paramGroups: [{ lr: 0.1 }, { lr: 0.02 }] }, { every: 10 });
resumed.loadStateDict(JSON.parse(JSON.stringify(scheduler.stateDict())));
resumed.step();
scheduler.step();
assert.deepEqual(resumed.getLastLr(), scheduler.getLastLr());
console.log(`resumed at step ${resumed.lastEpoch}: ${resumed.getLastLr().join(", ")}`);

// Inside a sequence: a linear warmup of 5 steps, then the halving on its own clock.
const warmed = simulate(
  {
    type: "SequentialLR",
    params: {
      schedulers: [{ type: "LinearLR", params: { start_factor: 0.2, total_iters: 5 } }, { type: "HalvingLR", params: { every: 10 } }],
      milestones: [5],
    },
  },
  { steps: 30, lr: 0.1 },
);
console.log(`warmup then halving: step 0 ${warmed.groups[0]!.lr[0]!.toFixed(3)}, step 5 ${warmed.groups[0]!.lr[5]}, step 15 ${warmed.groups[0]!.lr[15]}`);
assert.equal(warmed.groups[0]!.lr[5], 0.1);
assert.equal(warmed.groups[0]!.lr[15], 0.05);

// A rule across options is refused with a typed error naming the option as the caller spelled it.
assert.throws(() => new HalvingLR(optimizer, { every: 5, floor: 2 }), (e: unknown) => e instanceof InvalidOptionError && e.path === "floor");
console.log("floor > start is refused");
