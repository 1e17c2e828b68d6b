import { InvalidStateDictError, StepError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { RestoredState } from "../../core/scheduler.js";
import { LambdaScheduler, lambdaOptionsSchema, resolveLambdas, type LambdaOptions, type LambdaResolved } from "./lambda-base.js";

export type MultiplicativeLROptions = LambdaOptions;

/** A jump or a load recomputes f(1)...f(t) one call at a time (about 40 ms per million steps): beyond this it would hang. */
const MAX_RECOMPUTED_STEP = 1e8;

interface MultiplicativeResolved extends LambdaResolved {
  /**
   * Each group's product `f(1) * ... * f(productStep)`: a running product, so consecutive steps cost
   * O(1). With one function for every group the product is the same for all: only entry 0 is kept.
   */
  products: Float64Array;
  productStep: number;
  /** Preallocated: the products of the step being applied, swapped in once all are computed. */
  pendingProducts: Float64Array;
}

/**
 * PyTorch's `MultiplicativeLR`: each step multiplies the lr by `lr_lambda(t)`, so
 * `lr_t = base_lr * f(1) * f(2) * ... * f(t)`. Consecutive `step()` calls extend a running product;
 * any other evaluation (a jump with `step(epoch)`, `scheduleAt`, loading a state dict) recomputes
 * the product from its definition, which takes O(t) calls of the function. One function for every
 * group is called once per step (PyTorch calls it once per group).
 * @example
 * const scheduler = new MultiplicativeLR(optimizer, { lrLambda: () => 0.95 });
 */
export class MultiplicativeLR extends LambdaScheduler<MultiplicativeLROptions, MultiplicativeResolved> {
  static readonly schedulerType = "MultiplicativeLR";
  static readonly optionsSchema = lambdaOptionsSchema;

  constructor(optimizer: Optimizer, options: MultiplicativeLROptions) {
    super(optimizer, options);
  }

  protected override resolve(options: MultiplicativeLROptions, optimizer: Optimizer): MultiplicativeResolved {
    const { lambdas, single } = resolveLambdas(options, optimizer, MultiplicativeLR.schedulerType);
    const groups = lambdas.length;
    // The product at step 0 is empty, 1. (Kept an integer, not a NaN sentinel: with NaN the field
    // holds doubles, and storing the step into it allocated a number per step in V8.)
    return { lambdas, single, products: new Float64Array(groups).fill(1), productStep: 0, pendingProducts: new Float64Array(groups).fill(1) };
  }

  /** `f(1) * ... * f(t)` for product `k`: the running product when `t` is its step (always so within `step()`). */
  private productAt(k: number, t: number): number {
    const r = this.resolved;
    return t === r.productStep ? r.products[k]! : this.productOffStep(k, t);
  }

  /** From the running product when `t` is the next step, else from the definition (one call per step). */
  private productOffStep(k: number, t: number): number {
    const r = this.resolved;
    if (this.isNextStep(t)) return r.products[k]! * this.factorAt(k, t);
    let product = 1;
    for (let s = 1; s <= t; s++) product *= this.factorAt(k, s);
    return product;
  }

  protected lrAt(i: number, t: number): number {
    return this.baseLrs[i]! * this.productAt(this.resolved.single ? 0 : i, t);
  }

  /**
   * Extends the running products to step `t` (once per step, before the groups' lrs are computed)
   * and returns the product of the one function every group shares (unused, 0, with one per group).
   */
  protected override sharedAt(t: number): number {
    const r = this.resolved;
    if (r.single && this.isNextStep(t)) {
      // The usual step, inline: one call of the function, one multiplication.
      const product = r.products[0]! * this.factorAt(0, t);
      r.products[0] = product;
      r.productStep = t;
      return product;
    }
    if (t !== r.productStep) this.advanceProducts(t);
    return r.single ? r.products[0]! : 0;
  }

  protected override lrWithShared(i: number, t: number, product: number): number {
    return this.resolved.single ? this.baseLrs[i]! * product : this.baseLrs[i]! * this.productAt(i, t);
  }

  /** Whether `t` extends the running product by one factor (the recursion holds from step 1 on). */
  private isNextStep(t: number): boolean {
    return t === this.resolved.productStep + 1 && t >= 1;
  }

  /**
   * The products at step `t`, into the spare buffer, swapped in once all are computed (a failing
   * function leaves them as they were). Returns nothing, so that no number is boxed if it is not inlined.
   */
  private advanceProducts(t: number): void {
    const r = this.resolved;
    if (r.single) {
      // One product: computed before anything is stored, so no spare buffer is needed.
      const product = this.isNextStep(t) ? r.products[0]! * this.factorAt(0, t) : this.productOffStep(0, t);
      r.products[0] = product;
      r.productStep = t;
      return;
    }
    const next = r.pendingProducts;
    if (this.isNextStep(t)) for (let k = 0; k < next.length; k++) next[k] = r.products[k]! * this.factorAt(k, t);
    else for (let k = 0; k < next.length; k++) next[k] = this.productOffStep(k, t);
    r.pendingProducts = r.products;
    r.products = next;
    r.productStep = t;
  }

  /** The product is defined on whole steps only: `step(epoch)` takes an integer >= 0. */
  override step(epoch?: number): void {
    if (epoch !== undefined && !(Number.isInteger(epoch) && epoch >= 0 && epoch <= MAX_RECOMPUTED_STEP)) {
      throw new StepError(this.type, this.lastEpoch, `the explicit epoch must be an integer in [0, ${MAX_RECOMPUTED_STEP}]; got ${String(epoch)}`);
    }
    super.step(epoch);
  }

  protected override readOwnState(value: unknown): RestoredState<MultiplicativeLROptions, MultiplicativeResolved> {
    return this.wholeStep(super.readOwnState(value), "lastEpoch");
  }

  protected override readReferenceState(value: unknown): RestoredState<MultiplicativeLROptions, MultiplicativeResolved> {
    return this.wholeStep(super.readReferenceState(value), "last_epoch");
  }

  private wholeStep<S extends { lastEpoch: number }>(state: S, field: string): S {
    if (!Number.isInteger(state.lastEpoch) || state.lastEpoch < 0 || state.lastEpoch > MAX_RECOMPUTED_STEP) {
      throw new InvalidStateDictError(
        this.type,
        field,
        state.lastEpoch,
        `an integer in [0, ${MAX_RECOMPUTED_STEP}] (the product is defined on whole steps and recomputed step by step on load)`,
      );
    }
    return state;
  }
}
