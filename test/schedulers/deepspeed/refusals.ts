/** Shared checks of the DeepSpeed tests: a bad option set is refused naming the option; a set DeepSpeed runs is accepted. */
import { expect, it } from "vitest";
import { InvalidOptionError, type Optimizer } from "../../../src/index.js";
import { thrown } from "../../support/optimizer.js";

/** A scheduler class, whatever its options. */
interface AnyClass {
  new (optimizer: Optimizer, options: never): unknown;
  readonly schedulerType: string;
}

const show = (options: Record<string, unknown>) => JSON.stringify(options, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));

/** One `it` per case: `[options, the option the error must name]`. */
export function itRefuses(cls: AnyClass, optimizer: () => Optimizer, cases: [Record<string, unknown>, string][]): void {
  for (const [options, option] of cases) {
    it(`refuses ${show(options)}, naming ${option}`, () => {
      const error = thrown(() => new cls(optimizer(), options as never)) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
      // The option itself was wrong, not given twice in two spellings.
      expect(error.expected).not.toMatch(/given once/);
      expect(error.schedulerType).toBe(cls.schedulerType);
    });
  }
}

/** One `it` per option set that DeepSpeed constructs without raising: it is accepted here too. */
export function itAccepts(cls: AnyClass, optimizer: () => Optimizer, cases: Record<string, unknown>[]): void {
  for (const options of cases) {
    it(`accepts ${show(options)}, as DeepSpeed does`, () => {
      expect(() => new cls(optimizer(), options as never)).not.toThrow();
    });
  }
}
