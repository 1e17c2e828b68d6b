// lr-schedulers/extend: what a schedule author needs. A schedule is a value (defineSchedule), its
// options a record of zod/mini schemas, its counting convention one of the counters below.
export { defineSchedule, type ScheduleClass, type OptionsArgument, type SchedulerOptions } from "./core/define.js";
export type { BaseRule, BuildContext, ChildClock, ChildForm, CompleteForm, Form, Plateau, ScheduleDefinition } from "./core/schedule.js";
export { deepspeedIterations, megatronIncrements, metricEpochs, stepCounts, torchEpochs, torchSteps, type Counter } from "./core/counter.js";
export { sequence, product, retime, perGroup, type Piece, type Factor } from "./core/compose.js";
export type { ReferenceDialect, ConvertedReference } from "./core/reference.js";
export { bool, fn, int, listOf, nonNegativeInt, nonNegativeNumber, num, numberIn, oneOf, perGroup as perGroupValue, positiveInt, positiveNumber, withDefault } from "./core/schema.js";
export { expandPerGroup, type OptionFields, type OptionsOf, type OptionsInputOf } from "./core/options.js";
