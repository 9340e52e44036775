// What reaches the log about an error: never its message, which can hold personal data.
import { DrizzleQueryError } from "drizzle-orm/errors";
import { describe, expect, it } from "vitest";
import { errorForLog } from "../../app/utils/log-safe.server";

const PERSONAL = ["Ana María Reyes", "panic attack after the session", "ana@example.test"];

/** A failed insert as Drizzle reports it: the query, its bound values, and the driver's error as cause. */
function failedQuery() {
  const cause = Object.assign(new Error("UNIQUE constraint failed: consultants.email"), {
    name: "SqliteError",
    code: "SQLITE_CONSTRAINT_UNIQUE",
  });
  return new DrizzleQueryError(
    'insert into "consultants" ("preferred_name", "notes", "email") values (?, ?, ?)',
    PERSONAL,
    cause,
  );
}

describe("errorForLog", () => {
  it("keeps a failed query's name, its cause's code and the stack frames, never the values", () => {
    const error = failedQuery();
    expect(error.message).toContain("Ana María Reyes"); // what it guards against
    const logged = errorForLog(error);
    for (const value of PERSONAL) expect(logged).not.toContain(value);
    expect(logged).not.toContain("insert into");
    expect(logged).not.toContain("UNIQUE constraint failed");
    const [summary, ...frames] = logged.split("\n");
    expect(summary).toBe("Error cause.code=SQLITE_CONSTRAINT_UNIQUE");
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) expect(frame).toMatch(/^ {4}at /);
    expect(logged).toContain("log-safe.test.ts");
  });

  it("keeps the error's own code", () => {
    const error = Object.assign(new TypeError("Cannot read properties of Ana's record"), { code: "ERR_X" });
    expect(errorForLog(error).split("\n")[0]).toBe("TypeError code=ERR_X");
    expect(errorForLog(error)).not.toContain("Ana");
  });

  it("drops message lines that look like stack frames", () => {
    const note = "Felt unsafe\n    at the shelter on Elm Street\n    at 3am";
    const error = new Error(`Failed query: update time_entries set note = ?\nparams: ${note}`);
    const logged = errorForLog(error);
    expect(logged).not.toContain("Elm Street");
    expect(logged).not.toContain("3am");
    expect(logged.split("\n").length).toBeGreaterThan(1);

    // Also when the message was changed after the stack was taken.
    error.message = `Rewritten: ${note}`;
    expect(errorForLog(error)).not.toContain("Elm Street");
  });

  it("leaves out a name or code that is not a plain identifier", () => {
    const error = Object.assign(new Error("x"), { name: "Error for Ana María", code: "ana@example.test" });
    const summary = errorForLog(error).split("\n")[0];
    expect(summary).toBe("Error");
  });

  it("says only that something other than an Error was thrown", () => {
    expect(errorForLog("Ana María Reyes")).toBe("non-Error thrown");
    expect(errorForLog({ message: "Ana María Reyes" })).toBe("non-Error thrown");
    expect(errorForLog(undefined)).toBe("non-Error thrown");
  });
});
