import { KerasReduceLROnPlateau, createScheduler } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 0.1 }] };
const scheduler = new KerasReduceLROnPlateau(optimizer, { monitor: "val_loss", factor: 0.2, patience: 2, minLr: 0.001 });
for (const valLoss of [1.0, 0.8, 0.8, 0.8, 0.79, 0.79, 0.79]) {
  // ... one epoch of training ...
  scheduler.step(valLoss);
}
console.log(scheduler.getLastLr()); // [0.004000000000000001]: cut at the 4th and the 7th epoch ends
console.log(scheduler.stateDict().extra); // { best: 0.79, wait: 0, cooldownCounter: 0, direction: "min" }

// or by its registered name, with Keras' keywords
const same = createScheduler(optimizer, { type: "keras.ReduceLROnPlateau", params: { factor: 0.2, patience: 2, min_lr: 0.001 } });
