// lr-schedulers
import { CosineDecay, createScheduler, serializeKerasSchedule } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 0 }] };
const schedule = new CosineDecay(optimizer, { initialLearningRate: 0.0, decaySteps: 9000, warmupTarget: 0.1, warmupSteps: 1000 });
// or: createScheduler(optimizer, { type: "CosineDecay", params: { initial_learning_rate: 0.0, decay_steps: 9000, ... } })
for (let step = 0; step < 10_000; step++) {
  // ... one update at optimizer.paramGroups[0].lr ...
  schedule.step(); // after the update: the next one uses the value at the new count
}
const config = serializeKerasSchedule(schedule); // { module, class_name: "CosineDecay", config: {...}, registered_name: null }
const again = createScheduler(optimizer, config); // keras.optimizers.schedules.deserialize
