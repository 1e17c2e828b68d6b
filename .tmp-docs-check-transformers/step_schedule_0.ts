import { SambaFlowStepSchedule } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 1e-3 }] };
const scheduler = new SambaFlowStepSchedule(optimizer, { decaySteps: 100, decayGamma: 0.5 });
for (let step = 0; step < 250; step++) scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0.00025: halved twice
