import type { SchedulerFactory } from "../core/registry.js";
import { bionemoFactories } from "./bionemo/factories.js";
import { deepspeedFactories } from "./deepspeed/factories.js";
import { extensionsFactories } from "./extensions/factories.js";
import { megatronFactories } from "./megatron/factories.js";
import { sambaflowFactories } from "./sambaflow/factories.js";
import { torchFactories } from "./torch/factories.js";
import { transformersFactories } from "./transformers/factories.js";

let table: Readonly<Record<string, SchedulerFactory>> | undefined;

/** Every built-in type name -> its factory. Built on first use, so that importing one class pulls in no other. */
export function builtinFactories(): Readonly<Record<string, SchedulerFactory>> {
  table ??= Object.freeze(
    Object.fromEntries(
      [
        ...torchFactories(),
        ...deepspeedFactories(),
        ...megatronFactories(),
        ...bionemoFactories(),
        ...transformersFactories(),
        ...sambaflowFactories(),
        ...extensionsFactories(),
      ].map((f) => [f.type, f]),
    ),
  );
  return table;
}
