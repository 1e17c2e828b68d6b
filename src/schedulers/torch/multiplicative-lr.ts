import { InvalidStateDictError, StepError } from "../../core/errors.js";
import type { Optimizer } from "../../core/optimizer.js";
import type { RestoredState } from "../../core/scheduler.js";
import { LambdaScheduler, lambdaOptionsSchema, resolveLambdas, type LambdaOptions, type LambdaResolved } from "./lambda-base.js";

export type MultiplicativeLROptions = LambdaOptions;

/** A jump or a load recomputes f(1)...f(t) one call at a time (about 40 ms per million steps): beyond this it would hang. */
const MAX_RECOMPUTED_STEP = 1e8;

interface MultiplicativeResolved extends LambdaResolved {
  /** Each group's product `f(1) * ... * f(productStep)`: a running product, so consecutive steps cost O(1). */
  products: number[];
  productStep: number;
  /** Preallocated: the products of the step being applied, swapped in once all are computed. */
  pendingProducts: number[];
}

/**
 * PyTorch's `MultiplicativeLR`: each step multiplies the lr by `lr_lambda(t)`, so
 * `lr_t = base_lr * f(1) * f(2) * ... * f(t)`. Consecutive `step()` calls extend a running product;
 * any other evaluation (a jump with `step(epoch)`, `scheduleAt`, loading a state dict) recomputes
 * the product from its definition, which takes O(t) calls of the function.
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
    const lambdas = resolveLambdas(options, optimizer, MultiplicativeLR.schedulerType);
    const groups = lambdas.lambdas.length;
    // productStep NaN: no running product yet; the first evaluation computes it from the definition.
    return { ...lambdas, products: new Array<number>(groups).fill(1), productStep: NaN, pendingProducts: new Array<number>(groups).fill(1) };
  }

  /** `f(1) * ... * f(t)` for group `i`: from the running product when `t` is its step or the next one. */
  private productAt(i: number, t: number): number {
    const r = this.resolved;
    if (t === r.productStep) return r.products[i]!;
    if (t === r.productStep + 1) return r.products[i]! * this.factorAt(i, t);
    let product = 1;
    for (let k = 1; k <= t; k++) product *= this.factorAt(i, k);
    return product;
  }

  protected lrAt(i: number, t: number): number {
    return this.baseLrs[i]! * this.productAt(i, t);
  }

  /**
   * Extends the running products to this step first (a failing function leaves them as they were),
   * then lets the base class compute, check and write the lrs from them.
   */
  protected override apply(): void {
    const r = this.resolved;
    const t = this.lastEpoch;
    const next = r.pendingProducts;
    for (let i = 0; i < next.length; i++) next[i] = this.productAt(i, t);
    r.pendingProducts = r.products;
    r.products = next;
    r.productStep = t;
    super.apply();
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
