import { describe, expect, it } from "vitest";
import { cachedFigures } from "../../app/utils/figures-cache.server";

describe("cached figures", () => {
  it("works figures out once a minute per key, and again on request", () => {
    let runs = 0;
    const compute = () => ++runs;
    const t0 = 1_000_000;
    expect(cachedFigures("org-a|x", compute, { now: t0 })).toEqual({ value: 1, computedAt: new Date(t0) });
    // Within the minute: the same figures, with when they were worked out.
    expect(cachedFigures("org-a|x", compute, { now: t0 + 59_999 })).toEqual({ value: 1, computedAt: new Date(t0) });
    // Another key (another organization or period) is worked out on its own.
    expect(cachedFigures("org-b|x", compute, { now: t0 + 1 }).value).toBe(2);
    // After a minute, or when asked for fresh figures, they are worked out again.
    expect(cachedFigures("org-a|x", compute, { now: t0 + 60_000 }).value).toBe(3);
    expect(cachedFigures("org-a|x", compute, { now: t0 + 60_001, fresh: true }).value).toBe(4);
    expect(cachedFigures("org-a|x", compute, { now: t0 + 60_002 }).value).toBe(4);
  });

  it("keeps at most 500 entries, forgetting the oldest first", () => {
    const t0 = 2_000_000;
    cachedFigures("first", () => "old", { now: t0 });
    for (let i = 0; i < 500; i++) cachedFigures(`k${i}`, () => i, { now: t0 });
    expect(cachedFigures("first", () => "new", { now: t0 }).value).toBe("new");
    expect(cachedFigures("k499", () => -1, { now: t0 }).value).toBe(499);
  });

  it("does not keep a failed computation", () => {
    const t0 = 3_000_000;
    expect(() =>
      cachedFigures(
        "failing",
        () => {
          throw new Error("database busy");
        },
        { now: t0 },
      ),
    ).toThrow("database busy");
    expect(cachedFigures("failing", () => "ok", { now: t0 }).value).toBe("ok");
  });
});
