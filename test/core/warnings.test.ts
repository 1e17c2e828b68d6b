import { afterEach, describe, expect, it } from "vitest";
import { onWarning, type SchedulerWarning } from "../../src/index.js";
import { emitWarning } from "../../src/core/warnings.js";

const unsubscribers: (() => void)[] = [];
afterEach(() => unsubscribers.splice(0).forEach((stop) => stop()));

describe("onWarning", () => {
  it("delivers warnings to every handler until unsubscribed", () => {
    const a: SchedulerWarning[] = [];
    const b: SchedulerWarning[] = [];
    const stopA = onWarning((w) => a.push(w));
    unsubscribers.push(onWarning((w) => b.push(w)));
    emitWarning("WarmupLR", "unknown-warmup-type", "falls back to log");
    stopA();
    emitWarning("WarmupLR", "x", "y");
    expect(a).toEqual([{ schedulerType: "WarmupLR", code: "unknown-warmup-type", message: "falls back to log" }]);
    expect(b.map((w) => w.code)).toEqual(["unknown-warmup-type", "x"]);
  });

  it("keeps going when a handler throws", () => {
    const seen: string[] = [];
    unsubscribers.push(onWarning(() => {
      throw new Error("boom");
    }));
    unsubscribers.push(onWarning((w) => seen.push(w.code)));
    expect(() => emitWarning("X", "c", "m")).not.toThrow();
    expect(seen).toEqual(["c"]);
  });
});
