import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LIMITS, MAX_CONFIG_BYTES, parseBoundedInteger, readConfigText, UsageError } from "../../src/cli/limits.js";

describe("parseBoundedInteger", () => {
  it("reads decimal digits within the bounds", () => {
    expect(parseBoundedInteger("--steps", "0", LIMITS.steps)).toBe(0);
    expect(parseBoundedInteger("--steps", "016", LIMITS.steps)).toBe(16);
    expect(parseBoundedInteger("--steps", "10000000", LIMITS.steps)).toBe(10_000_000);
    expect(parseBoundedInteger("--height", "200", LIMITS.height)).toBe(200);
  });

  it.each(["0x10", "1e3", " 16", "16 ", "16.0", "+16", "-1", "", "10000001", "Infinity", "1_000"])("refuses --steps %j, naming the range", (text) => {
    expect(() => parseBoundedInteger("--steps", text, LIMITS.steps)).toThrow(UsageError);
    expect(() => parseBoundedInteger("--steps", text, LIMITS.steps)).toThrow(`--steps: "${text}" is not an integer >= 0 and <= 10,000,000 (decimal digits only)`);
  });

  it("has the documented bounds", () => {
    expect(LIMITS).toEqual({
      steps: { min: 0, max: 10_000_000 },
      every: { min: 1, max: 10_000_000 },
      increment: { min: 1, max: 10_000_000 },
      height: { min: 2, max: 200 },
      width: { min: 20, max: 1000 },
    });
    expect(MAX_CONFIG_BYTES).toBe(10_000_000);
  });
});

describe("readConfigText", () => {
  const dir = mkdtempSync(join(tmpdir(), "lr-schedulers-limits-"));

  it("reads a regular file up to the limit, byte for byte", () => {
    const path = join(dir, "max.json");
    const text = `{"type":"StepLR"}${" ".repeat(MAX_CONFIG_BYTES - 19)}é`; // é is two bytes;
    writeFileSync(path, text);
    expect(readConfigText(path)).toBe(text);
  });

  it("refuses a file one byte over, a device and a directory", () => {
    const path = join(dir, "over.json");
    writeFileSync(path, " ".repeat(MAX_CONFIG_BYTES + 1));
    expect(() => readConfigText(path)).toThrow(/is too large: 10000001 bytes \(a config file must be a regular file of at most 10 MB\)/);
    expect(() => readConfigText("/dev/zero")).toThrow(/"\/dev\/zero" is not a regular file/);
    expect(() => readConfigText(dir)).toThrow(/cannot read config file ".*" \(EISDIR\)/);
    expect(() => readConfigText(join(dir, "missing.json"))).toThrow(/cannot read config file ".*missing\.json": no such file/);
  });
});
