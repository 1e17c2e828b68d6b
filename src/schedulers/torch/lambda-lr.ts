import { torchEpochs } from "../../core/counter.js";
import { defineSchedule, type SchedulerOptions } from "../../core/define.js";
import { factorOf, lambdaDialect, lambdaOptions, lambdasOf } from "./lambda-options.js";

/**
 * PyTorch's `LambdaLR`: `lr = base_lr * lr_lambda(t)`, with one function for all groups or one per group.
 * One function for all groups is called once per step (PyTorch calls it once per group). A function
 * that returns anything but a finite number makes the step a StepError. The functions are not saved
 * in the state dict: loading keeps the ones given to the constructor.
 * @example
 * const optimizer = { paramGroups: [{ lr: 0.1 }] };
 * const warmup = (step: number) => Math.min(1, (step + 1) / 100);
 * const scheduler = new LambdaLR(optimizer, { lrLambda: warmup });
 * for (let step = 0; step < 200; step++) scheduler.step();
 */
export const LambdaLR = /* @__PURE__ */ defineSchedule({
  type: "LambdaLR",
  family: "torch",
  counter: torchEpochs,
  options: lambdaOptions,
  build: ({ lrLambda }, ctx) => {
    const { baseLrs } = ctx;
    if (typeof lrLambda === "function") return { shape: (t) => factorOf("LambdaLR", lrLambda, -1, t) };
    const lambdas = lambdasOf(lrLambda, ctx);
    return { lr: (i, _s, t) => baseLrs[i]! * factorOf("LambdaLR", lambdas[i]!, i, t) };
  },
  reference: /* @__PURE__ */ lambdaDialect(),
});

export type LambdaLR = InstanceType<typeof LambdaLR>;
export type LambdaLROptions = SchedulerOptions<typeof LambdaLR>;
