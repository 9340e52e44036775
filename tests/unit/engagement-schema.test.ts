import { describe, expect, it } from "vitest";
import { EngagementSchema } from "../../app/utils/engagement-schema";
import { message } from "../../app/i18n/message";

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

  it("refuses a date past 2100 as a typo, next to that date (counting every month up to 9999 is not work)", () => {
    expect(fieldsWithIssues({ ...valid, startDate: "2026-03-10", endDate: "2100-12-31" })).toEqual([]);
    expect(fieldsWithIssues({ ...valid, startDate: "2026-03-10", endDate: "9999-12-31" })).toEqual(["endDate"]);
    expect(fieldsWithIssues({ ...valid, startDate: "2101-01-01" })).toEqual(["startDate"]);
    const refused = EngagementSchema.safeParse({ ...valid, endDate: "9999-12-31" });
    expect(refused.success ? [] : refused.error.issues.map((i) => i.message)).toEqual([
      message("common:engagementRules.dateTooFar", { latest: "2100-12-31" }),
    ]);
  });

  it("accepts the same day, or only one of the dates", () => {
    expect(fieldsWithIssues({ ...valid, startDate: "2026-03-10", endDate: "2026-03-10" })).toEqual([]);
    expect(fieldsWithIssues({ ...valid, endDate: "2026-03-10" })).toEqual([]);
  });
});
