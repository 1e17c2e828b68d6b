import type { SchedulerFactory } from "../core/registry.js";
import { torchFactories } from "./torch/index.js";

let table: readonly SchedulerFactory[] | undefined;

/** Every built-in factory. Built on first use, so that importing one class pulls in no other. */
export function builtinFactories(): readonly SchedulerFactory[] {
  table ??= Object.freeze([
    ...torchFactories(),
    // deepspeed
    // megatron
    // bionemo
    // transformers
    // sambaflow
    // extensions
    // keras
    // timm
    // optax
  ]);
  return table;
}
