import type { SchedulerFactory } from "../core/registry.js";
import { transformersFactories } from "./transformers/index.js";
import { sambaflowFactories } from "./sambaflow/index.js";
import { optaxFactories } from "./optax/index.js";
import { extensionsFactories } from "./extensions/index.js";
import { torchFactories } from "./torch/index.js";
import { megatronFactories } from "./megatron/index.js";
import { bionemoFactories } from "./bionemo/index.js";
import { deepspeedFactories } from "./deepspeed/index.js";
import { kerasFactories } from "./keras/index.js";
import { timmFactories } from "./timm/index.js";

let table: readonly SchedulerFactory[] | undefined;

/** Every built-in factory. Built on first use, so that importing one class pulls in no other. */
export function builtinFactories(): readonly SchedulerFactory[] {
  table ??= Object.freeze([
    ...torchFactories(),
    ...deepspeedFactories(),
    ...megatronFactories(),
    ...bionemoFactories(),
    ...transformersFactories(),
    ...sambaflowFactories(),
    ...extensionsFactories(),
    ...kerasFactories(),
    ...timmFactories(),
    ...optaxFactories(),
  ]);
  return table;
}
