import type { SchedulerFactory } from "../core/registry.js";
import { extensionsFactories } from "./extensions/index.js";
import { torchFactories } from "./torch/index.js";
import { kerasFactories } from "./keras/index.js";

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
    ...extensionsFactories(),
    ...kerasFactories(),
    // timm
    // optax
  ]);
  return table;
}
