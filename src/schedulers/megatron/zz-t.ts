import type { OptimizerParamSchedulerOptions } from "./optimizer-param-scheduler.js";
type A = OptimizerParamSchedulerOptions["lrWsdDecayStyle"];
type B = OptimizerParamSchedulerOptions["wsdDecaySteps"];
const a: A = 5;
const b: B = "x";
const c: A = null;
const d: B = undefined;
const e: A = "cosine";
export {};
