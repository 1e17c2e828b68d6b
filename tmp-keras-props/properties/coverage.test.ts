import { describe, expect, it } from "vitest";
import { knownSchedulerTypes } from "../../src/index.js";
import { coveredTypes } from "../support/arbitraries.js";

describe("the property tests cover every registered type", () => {
  it("has an arbitrary of valid params for each type createScheduler knows", () => {
    const missing = knownSchedulerTypes().filter((type) => !coveredTypes().includes(type));
    expect(missing, "add these types to test/support/arbitraries.ts").toEqual([]);
  });

  it("has no arbitrary for a type that is not registered (a renamed type would leave a stale entry)", () => {
    const stale = coveredTypes().filter((type) => !knownSchedulerTypes().includes(type));
    expect(stale).toEqual([]);
  });
});
