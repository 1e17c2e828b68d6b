import { PolynomialDecay } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 0.1 }] };
// from 0.1 to 0.01 in 10000 steps along a square root
const scheduler = new PolynomialDecay(optimizer, { initialLearningRate: 0.1, decaySteps: 10_000, endLearningRate: 0.01, power: 0.5 });
scheduler.step(2500);
console.log(scheduler.getLastLr()); // [0.09 * 0.75 ** 0.5 + 0.01]
