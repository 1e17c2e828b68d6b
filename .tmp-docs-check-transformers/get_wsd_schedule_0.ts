import { getWsdSchedule } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 1e-3 }] };
const scheduler = getWsdSchedule(optimizer, { numWarmupSteps: 1000, numDecaySteps: 5000, numTrainingSteps: 100_000, decayType: "1-sqrt" });
for (let step = 0; step < 50_000; step++) scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0.001: the stable phase
