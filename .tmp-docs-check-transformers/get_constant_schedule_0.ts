import { getConstantSchedule } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 5e-5 }] };
const scheduler = getConstantSchedule(optimizer); // a ConstantSchedule
scheduler.step();
console.log(optimizer.paramGroups[0]!.lr); // 0.00005
