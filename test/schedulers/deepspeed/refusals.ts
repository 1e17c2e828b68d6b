/** Shared check of the DeepSpeed tests: each bad option set is refused with an InvalidOptionError naming the option. */
import { expect, it } from "vitest";
import { InvalidOptionError, type Optimizer, type SchedulerClass } from "../../../src/index.js";
import { thrown } from "../../support/optimizer.js";

/** One `it` per case: `[options, the option the error must name]`. */
export function itRefuses(cls: SchedulerClass, optimizer: () => Optimizer, cases: [Record<string, unknown>, string][]): void {
  for (const [options, option] of cases) {
    const shown = JSON.stringify(options, (_k, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? String(v) : v));
    it(`refuses ${shown}, naming ${option}`, () => {
      const error = thrown(() => new cls(optimizer(), options as never)) as InvalidOptionError;
      expect(error).toBeInstanceOf(InvalidOptionError);
      expect(error.option).toBe(option);
      // The option itself was wrong, not given twice in two spellings.
      expect(error.expected).not.toMatch(/given once/);
      expect(error.schedulerType).toBe(cls.schedulerType);
    });
  }
}
