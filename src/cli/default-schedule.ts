/**
 * What `lr-schedulers plot --default` (and `npm start`) shows without a config: a cosine decay
 * with a linear warmup, the usual LLM pre-training schedule: peak lr 3e-4, 100 warmup steps,
 * 10,000 steps in all.
 */
export const DEFAULT_SCHEDULE = {
  config: { type: "get_cosine_schedule_with_warmup", params: { num_warmup_steps: 100, num_training_steps: 10_000 } },
  lr: [3e-4],
  steps: 10_000,
} satisfies { config: Record<string, unknown>; lr: number[]; steps: number };
