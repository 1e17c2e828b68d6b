import { getReduceOnPlateauSchedule } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 1e-3 }] };
const scheduler = getReduceOnPlateauSchedule(optimizer, { factor: 0.5, patience: 2 });
for (const validationLoss of [0.9, 0.8, 0.8, 0.8, 0.8]) scheduler.step(validationLoss);
console.log(optimizer.paramGroups[0]!.lr); // 0.0005: cut after three epochs without improvement
