import { SambaFlowPolynomialDecayScheduleWithWarmup } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 1e-3 }] };
const scheduler = new SambaFlowPolynomialDecayScheduleWithWarmup(optimizer, { warmupSteps: 50, maxSteps: 500 });
for (let step = 0; step < 275; step++) scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0.0005: halfway down the straight line
