import { afterEach, expect, it, vi } from "vitest";

afterEach(() => {
  vi.restoreAllMocks();
});

it("examples/ds-config.ts builds WarmupDecayLR from a ds_config.json and prints its lrs", async () => {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  await import("../../examples/ds-config.js");
  expect(lines[0]).toBe("WarmupDecayLR from ds_config.json");
  expect(lines).toHaveLength(12);
  expect(lines[1]).toBe("iteration    0  lr 0.000e+0");
  expect(lines[2]).toBe("iteration  100  lr 3.000e-4");
  expect(lines[6]).toBe("iteration  500  lr 1.667e-4");
  expect(lines[11]).toBe("iteration 1000  lr 0.000e+0");
});
