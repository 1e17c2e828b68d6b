import { getScheduler } from "lr-schedulers";

const optimizer = { paramGroups: [{ lr: 5e-5 }], defaults: { lr: 5e-5 } };
const maxSteps = 10_000;
const warmupRatio = 0.03; // TrainingArguments.warmup_ratio: the Trainer rounds up
const scheduler = getScheduler("cosine_with_min_lr", optimizer, {
  numWarmupSteps: Math.ceil(maxSteps * warmupRatio),
  numTrainingSteps: maxSteps,
  schedulerSpecificKwargs: { min_lr_rate: 0.1 },
});
