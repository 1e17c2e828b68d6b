/** Every built-in type name -> its factory, gathered from the families' tables. */
import type { SchedulerFactory } from "../core/registry.js";
import { bionemoFactories } from "./bionemo/factories.js";
import { deepspeedFactories } from "./deepspeed/factories.js";
import { extensionsFactories } from "./extensions/factories.js";
import { megatronFactories } from "./megatron/factories.js";
import { sambaflowFactories } from "./sambaflow/factories.js";
import { torchFactories } from "./torch/factories.js";
import { transformersFactories } from "./transformers/factories.js";

export const builtinFactories: Readonly<Record<string, SchedulerFactory>> = Object.freeze(
  Object.fromEntries(
    [...torchFactories, ...deepspeedFactories, ...megatronFactories, ...bionemoFactories, ...transformersFactories, ...sambaflowFactories, ...extensionsFactories].map(
      (f) => [f.type, f],
    ),
  ),
);
