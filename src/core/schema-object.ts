/**
 * `schema`, the public object of option-schema building blocks. A plain object rather than
 * `export * as schema`: the build turns a namespace re-export into a call that bundlers must keep
 * (with every helper), while an unused object literal is dropped.
 */
import type * as helpers from "./schema.js";
import {
  bool,
  fn,
  int,
  lazySchema,
  listOf,
  nonNegativeInt,
  nonNegativeNumber,
  num,
  numberIn,
  oneOf,
  perGroup,
  positiveInt,
  positiveNumber,
} from "./schema.js";

/** The zod/mini building blocks of the built-in option schemas (typed as the module, so none can be left out). */
export const schema: typeof helpers = {
  bool,
  fn,
  int,
  lazySchema,
  listOf,
  nonNegativeInt,
  nonNegativeNumber,
  num,
  numberIn,
  oneOf,
  perGroup,
  positiveInt,
  positiveNumber,
};
