import { afterEach, expect, it, vi } from "vitest";

afterEach(() => {
  vi.restoreAllMocks();
});

it("examples/warmup-any-schedule.ts warms up, resumes from JSON and refuses a foreign checkpoint", async () => {
  const lines: string[] = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
  await import("../../examples/warmup-any-schedule.js");
  expect(lines).toEqual([
    "lr by step: 0.0100 0.0280 0.0460 0.0640 0.0820 0.100 0.100 0.100 0.100 0.100 0.100 0.100",
    "resumed at step 12: lr 0.100",
    "refused: children[0].options.milestones differs",
  ]);
});
