import { createScheduler, getScheduler } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 5e-5 }] };
const scheduler = getScheduler("cosine", optimizer, { numWarmupSteps: 100, numTrainingSteps: 10_000 });
console.log(scheduler.type); // "get_cosine_schedule_with_warmup"

// the same from a config, with transformers' names
const same = createScheduler(optimizer, {
  type: "get_scheduler",
  params: { name: "cosine", num_warmup_steps: 100, num_training_steps: 10_000, scheduler_specific_kwargs: { num_cycles: 0.5 } },
});
console.log(same.type); // "get_cosine_schedule_with_warmup"
