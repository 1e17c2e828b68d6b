import { PiecewiseConstantDecay } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 1.0 }, { lr: 1.0 }] };
const scheduler = new PiecewiseConstantDecay(optimizer, { boundaries: [100_000, 110_000], values: [1.0, 0.5, 0.1] });
scheduler.step(100_000);
console.log(optimizer.paramGroups.map((g) => g.lr)); // [1, 1]: the boundary step keeps the earlier value
scheduler.step();
console.log(optimizer.paramGroups.map((g) => g.lr)); // [0.5, 0.5]
