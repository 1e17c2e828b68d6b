/** The combinators over closed forms: sequence (local time, unchecked boundaries), product, retime, perGroup. */
import { describe, expect, it } from "vitest";
import { perGroup, product, retime, sequence, type CompleteForm } from "../../src/extend.js";

/** A form whose lr is `value(t)` for every group, and whose momentum is `-t` when asked. */
const form = (value: (t: number) => number, withMomentum = false): CompleteForm => ({
  shape: value,
  lr: (_i, s) => s,
  ...(withMomentum ? { momentum: (_i: number, _s: number, t: number) => -t } : {}),
});
const at = (f: CompleteForm, t: number, i = 0) => {
  if (f.values) return f.values(t, false).lr[i];
  const shared = new Float64Array(f.slots ?? 0);
  return f.lr(i, f.shape ? f.shape(t, shared) : 0, t, shared);
};

describe("sequence", () => {
  const a = form((t) => 100 + t);
  const b = form((t) => 200 + t);
  const c = form((t) => 300 + t);

  it("runs each piece on its own clock from its boundary", () => {
    const s = sequence([{ form: a }, { form: b }, { form: c }], [3, 5], 1);
    expect([0, 2, 3, 4, 5, 9].map((t) => at(s, t))).toEqual([100, 102, 200, 201, 300, 304]);
  });

  it("starts a piece at its own counter start (DeepSpeed's -1)", () => {
    const s = sequence([{ form: a }, { form: b, start: -1 }], [2], 1);
    expect([1, 2, 3].map((t) => at(s, t))).toEqual([101, 199, 200]);
  });

  it("does not check boundaries: a smaller later one overrides, a negative one runs ahead (optax' join_schedules)", () => {
    const s = sequence([{ form: a }, { form: b }, { form: c }], [5, 2], 1);
    expect([0, 1, 2, 4, 5, 7].map((t) => at(s, t))).toEqual([100, 101, 300, 302, 303, 305]);
    expect(at(sequence([{ form: a }, { form: b }], [-3], 1), 0)).toBe(203);
  });

  it("ignores extra pieces or boundaries (zip)", () => {
    expect(at(sequence([{ form: a }, { form: b }, { form: c }], [2], 1), 10)).toBe(208);
    expect(at(sequence([{ form: a }, { form: b }], [2, 4, 6], 1), 10)).toBe(208);
  });

  it("takes the active piece's momentum, and leaves it to a piece that has none", () => {
    const s = sequence([{ form: a }, { form: form((t) => t, true) }], [2], 1);
    const momentum = (t: number) => s.values!(t, false).momentum?.[0];
    expect([momentum(1), momentum(5)]).toEqual([undefined, -3]);
  });

  it("reports the active piece's local time to its sub-scheduler", () => {
    const one = {};
    const two = {};
    const s = sequence([{ form: a, child: one }, { form: b, child: two }], [4], 1);
    const [first, second] = s.childClocks!;
    expect([first!.at(3), second!.at(3), first!.at(6), second!.at(6)]).toEqual([3, undefined, undefined, 2]);
  });
});

describe("product", () => {
  it("multiplies each factor's lr over its base, all at the same step", () => {
    const half = { form: form((t) => 2 * 0.5 ** t), baseLrs: [2] };
    const tenth = { form: form((t) => (t < 2 ? 0.1 : 1)), baseLrs: [1] };
    const p = product([half, tenth], [4], 1);
    expect([0, 1, 2, 3].map((t) => at(p, t))).toEqual([0.4, 0.2, 1, 0.5]);
  });

  it("a factor whose base lr is 0 contributes 0", () => {
    const p = product([{ form: form(() => 5), baseLrs: [0] }], [1], 1);
    expect(at(p, 3)).toBe(0);
  });
});

describe("retime and perGroup", () => {
  it("retime reads a form at another time", () => {
    expect(at(retime(form((t) => t * 10), (t) => t / 4, 1), 2)).toBe(5);
  });

  it("perGroup gives each group its own form and scale", () => {
    const p = perGroup([{ form: form((t) => t) }, { form: form((t) => 2 * t) }], [1, 10]);
    expect(Array.from(p.values!(3, false).lr)).toEqual([3, 60]);
  });

  it("perGroup reads each piece at its own start, one piece for every group alike", () => {
    const shifted = perGroup([{ form: form((t) => t), start: -1 }, { form: form((t) => 2 * t), start: 5 }], [1, 10]);
    expect(Array.from(shifted.values!(3, false).lr)).toEqual([2, 160]);
    const shared = perGroup([{ form: form((t) => t + 1) }], [1, 10]);
    expect(Array.from(shared.values!(3, false).lr)).toEqual([4, 40]);
  });
});
