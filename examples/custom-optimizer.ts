/**
 * Any object with `paramGroups` is an optimizer: here a hand-written gradient descent with
 * momentum on f(w) = (w - 3)^2, driven by CosineAnnealingLR. The scheduler writes `lr` into the
 * group; the optimizer reads it on every update.
 * Run: npm run example -- examples/custom-optimizer.ts
 */
import { CosineAnnealingLR, type Optimizer } from "lr-schedulers";

/** Heavy-ball gradient descent on one number, PyTorch's SGD update rule. */
class TinySGD implements Optimizer {
  paramGroups = [{ lr: 0.2, momentum: 0.5 }];
  private velocity = 0;
  constructor(public w: number) {}

  update(grad: number): void {
    const { lr, momentum } = this.paramGroups[0]!;
    this.velocity = momentum * this.velocity + grad;
    this.w -= lr * this.velocity;
  }
}

export function run(steps = 20) {
  const optimizer = new TinySGD(0);
  const scheduler = new CosineAnnealingLR(optimizer, { tMax: steps, etaMin: 0.001 });
  const trace: { step: number; lr: number; w: number }[] = [];
  for (let step = 0; step < steps; step++) {
    const lr = optimizer.paramGroups[0]!.lr;
    optimizer.update(2 * (optimizer.w - 3)); // d/dw (w - 3)^2
    trace.push({ step, lr, w: optimizer.w });
    scheduler.step(); // after the update, as in PyTorch
  }
  return { trace, state: scheduler.stateDict() };
}

// Run as a script (the tests import run() instead).
if (typeof process !== "undefined" && !process.env.VITEST) {
  for (const { step, lr, w } of run().trace) console.log(`step ${step}: lr ${lr.toFixed(5)}  w ${w.toFixed(5)}`);
}
