import { expect, it } from "vitest";
import { run } from "../../examples/megatron-overrides.js";

it("examples/megatron-overrides.ts groups parameters by combined override and schedules each group", () => {
  const { groups, rows } = run();
  expect(groups).toEqual([
    ["embedding.weight"],
    ["layer0.attn.weight", "layer1.mlp.weight", "head.weight"],
    ["layer0.attn.bias", "layer0.norm.weight", "layer1.mlp.bias"],
  ]);
  expect(rows.map((r) => r.step)).toEqual([0, 50, 100, 500, 1000]);
  const [start, midWarmup, peak, middle, end] = rows;
  expect(start!.lr).toEqual([0, 0, 0]);
  expect(midWarmup!.lr).toEqual([5e-5, 5e-4, 5e-4]);
  expect(peak!.lr).toEqual([1e-4, 1e-3, 1e-3]);
  const coeff = 0.5 * (Math.cos((Math.PI * 400) / 900) + 1);
  expect(middle!.lr[0]).toBeCloseTo(1e-6 + coeff * (1e-4 - 1e-6), 15);
  expect(middle!.lr[1]).toBeCloseTo(1e-5 + coeff * (1e-3 - 1e-5), 15);
  expect(end!.lr).toEqual([1e-6, 1e-5, 1e-5]);
  // Weight decay rises linearly from 0.01 to 0.1 except where wdMult is 0.
  expect(middle!.weightDecay[0]).toBeCloseTo(0.055, 15);
  expect(end!.weightDecay).toEqual([0.1, 0.1, 0]);
  expect(rows.every((r) => r.weightDecay[2] === 0)).toBe(true);
});
