/**
 * Two schedulers stepping one optimizer, as PyTorch's documentation chains them (`ExponentialLR` and
 * `MultiStepLR`, both `step()`ped each epoch): PyTorch's chainable forms each multiply the current lr
 * by their own factor, so the lr is the base lr times every scheduler's factor at its own counter.
 * A chain is every scheduler attached to one optimizer (a composite's sub-schedulers are its own, not
 * attached). A scheduler that writes absolute values (LambdaLR, OneCycleLR, Keras, optax, ...)
 * overwrites the others in PyTorch, which has no closed form once the others move too: stepping one
 * after another scheduler of its optimizer has stepped is refused.
 */
import type { Optimizer } from "./optimizer.js";

export interface Chain {
  /** The schedulers attached to the optimizer, in the order they were built. */
  readonly members: object[];
  /** Counts the steps taken by any member. */
  clock: number;
}

const chains = new WeakMap<Optimizer, Chain>();

/** The chain of `optimizer`, if a scheduler is attached to it. */
export function chainOf(optimizer: Optimizer): Chain | undefined {
  return chains.get(optimizer);
}

/** Adds `scheduler` to its optimizer's chain, and returns the chain. */
export function attach(optimizer: Optimizer, scheduler: object): Chain {
  let chain = chains.get(optimizer);
  if (chain === undefined) chains.set(optimizer, (chain = { members: [], clock: 0 }));
  chain.members.push(scheduler);
  return chain;
}

/** Takes `scheduler` out of its optimizer's chain (a composite adopting its sub-schedulers). */
export function detach(optimizer: Optimizer, scheduler: object): void {
  const members = chains.get(optimizer)?.members as object[] | undefined;
  const index = members?.indexOf(scheduler) ?? -1;
  if (index >= 0) members!.splice(index, 1);
}
