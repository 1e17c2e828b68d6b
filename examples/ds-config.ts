/**
 * Builds a learning-rate scheduler straight from a DeepSpeed ds_config.json object: only its
 * "scheduler" section is read, the rest (optimizer, ZeRO, precision, ...) is ignored.
 *
 * Run: npm run example -- examples/ds-config.ts
 */
import { createScheduler, type Optimizer } from "lr-schedulers";

// A ds_config.json as a training job would ship it (JSON.parse(readFileSync("ds_config.json")) gives the same object).
const dsConfig = {
  train_batch_size: 256,
  train_micro_batch_size_per_gpu: 8,
  gradient_accumulation_steps: 4,
  optimizer: { type: "AdamW", params: { lr: 3e-4, betas: [0.9, 0.95], eps: 1e-8, weight_decay: 0.1 } },
  scheduler: {
    type: "WarmupDecayLR",
    params: { total_num_steps: 1000, warmup_min_lr: 0, warmup_max_lr: 3e-4, warmup_num_steps: 100, warmup_type: "linear" },
  },
  gradient_clipping: 1.0,
  bf16: { enabled: true },
  zero_optimization: { stage: 2, overlap_comm: true },
};

// Any object with paramGroups is an optimizer; here a stand-in for AdamW.
const optimizer: Optimizer = { paramGroups: [{ lr: 3e-4, betas: [0.9, 0.95] }] };
const scheduler = createScheduler(optimizer, dsConfig);

console.log(`${scheduler.type} from ds_config.json`);
for (let iteration = 0; iteration <= 1000; iteration++) {
  scheduler.step(); // once per batch, after optimizer.step()
  if (iteration % 100 === 0) console.log(`iteration ${String(iteration).padStart(4)}  lr ${optimizer.paramGroups[0]!.lr.toExponential(3)}`);
}
