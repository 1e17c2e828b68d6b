/**
 * `base ** k` for an exponent that changes rarely (the decay count of StepLR and of SambaFlow's
 * step_schedule): the last exponent and its power are kept, so a step costs a comparison instead
 * of a `**`. The value is the same expression as computing it afresh, so it is bit-identical.
 */
export class PowerMemo {
  /** NaN: nothing computed yet (NaN equals no exponent). */
  private exponent = Number.NaN;
  private value = Number.NaN;

  constructor(private readonly base: number) {}

  at(k: number): number {
    if (k !== this.exponent) {
      this.exponent = k;
      this.value = this.base ** k;
    }
    return this.value;
  }
}
