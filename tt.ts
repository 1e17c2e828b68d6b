import { createScheduler } from "./src/index.js";
const optimizer = { paramGroups: [{ lr: 0.1 }] };
createScheduler(optimizer, { type: "StepLr" });
createScheduler(optimizer, { type: "StepLR", params: { stepsize: 30 } });
createScheduler(optimizer, { type: "StepLR", params: { gamma: 0.5 } });
