import { describe, expect, it } from "vitest";
import { EngagementSchema } from "../../app/utils/engagement-schema";

const valid = {
  consultantId: "c",
  programId: "p",
  stage: "design",
  level: "consult",
  title: "Review",
  scopeWhat: "Read and comment",
  rateKind: "hourly",
  rate: "60",
};

const fieldsWithIssues = (input: Record<string, unknown>) => {
  const result = EngagementSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => String(i.path[0]));
};

describe("engagement dates", () => {
  it("refuses an end before the start", () => {
    expect(fieldsWithIssues({ ...valid, startDate: "2026-03-10", endDate: "2026-03-01" })).toEqual(["endDate"]);
  });

  it("reports the dates together with any other mistake, in one go", () => {
    const fields = fieldsWithIssues({ ...valid, rate: "57.505", startDate: "2026-03-10", endDate: "2026-03-01" });
    expect(fields).toContain("rate");
    expect(fields).toContain("endDate");
  });

  it("accepts the same day, or only one of the dates", () => {
    expect(fieldsWithIssues({ ...valid, startDate: "2026-03-10", endDate: "2026-03-10" })).toEqual([]);
    expect(fieldsWithIssues({ ...valid, endDate: "2026-03-10" })).toEqual([]);
  });
});
