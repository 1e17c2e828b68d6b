import { SambaFlowFixedLR } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 1e-3 }] };
const scheduler = new SambaFlowFixedLR(optimizer, { maxSteps: 1000 });
for (let step = 0; step < scheduler.stepsThisRun!; step++) scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0.001
