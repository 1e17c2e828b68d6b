import { ExponentialDecay, createScheduler } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 0.1 }] };
const scheduler = new ExponentialDecay(optimizer, { initialLearningRate: 0.1, decaySteps: 1000, decayRate: 0.96, staircase: true });
for (let step = 0; step < 5000; step++) {
  // ... one training batch at optimizer.paramGroups[0].lr ...
  scheduler.step();
}
console.log(scheduler.getLastLr()); // [0.1 * 0.96 ** 5]
console.log(scheduler.getConfig()); // Keras' get_config(): { initial_learning_rate: 0.1, decay_steps: 1000, decay_rate: 0.96, staircase: true, name: "ExponentialDecay" }

// the same from Keras' serialised form
const again = createScheduler(optimizer, { class_name: "ExponentialDecay", config: scheduler.getConfig() });
