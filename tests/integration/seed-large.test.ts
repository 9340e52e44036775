// The large-data generator at a tiny scale: `db:seed:large` run as CI would run it,
// into a file of its own. Checks the counts asked for, that the file is valid (integrity, foreign
// keys, append-only triggers, consent and feedback rules), that the printed logins work and that
// the same options give the same rows.
import { execFileSync } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { verify } from "@node-rs/argon2";
import Database from "better-sqlite3";
import { afterAll, describe, expect, inject, it } from "vitest";
import { REPO_ROOT } from "../setup/paths";

const SCALE = 0.001;
const files: string[] = [];

function generate() {
  const out = path.join(inject("runDir"), `large-${randomUUID()}.db`);
  files.push(out);
  const printed = execFileSync(
    "npx",
    ["tsx", "db/seed/large.ts", "--scale", String(SCALE), "--out", out, "--anchor", "2026-12-01", "--seed", "7"],
    { cwd: REPO_ROOT, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } },
  );
  return { out, printed };
}

afterAll(() => {
  for (const file of files) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(`${file}${suffix}`, { force: true });
});

describe("npm run db:seed:large", () => {
  it("writes a valid database with the scaled counts, working logins and the same rows every time", async () => {
    const first = generate();
    expect(first.printed).toContain(first.out);
    expect(first.printed).toContain("integrity_check: ok");
    expect(first.printed).toContain("admin@large.test");

    const sqlite = new Database(first.out, { readonly: true });
    try {
      const one = <T>(query: string, ...params: unknown[]) => sqlite.prepare(query).get(...params) as T;
      const n = (query: string, ...params: unknown[]) => one<{ n: number }>(query, ...params).n;
      expect(one<{ integrity_check: string }>("pragma integrity_check").integrity_check).toBe("ok");
      expect(sqlite.pragma("foreign_key_check")).toEqual([]);

      // 200 organizations × 0.001 rounds to one: the large one.
      const org = one<{ id: string }>("select id from organizations where name = 'Large Org 001'");
      expect(n("select count(*) as n from organizations")).toBe(1);
      const inOrg = (table: string) => n(`select count(*) as n from ${table} where organization_id = ?`, org.id);
      expect(inOrg("consultants")).toBe(5);
      expect(inOrg("engagements")).toBe(200);
      expect(inOrg("time_entries")).toBe(400);
      expect(inOrg("payments")).toBe(500);
      expect(inOrg("consent_events")).toBe(50);
      expect(inOrg("experience_feedback")).toBe(20);
      expect(inOrg("assessments")).toBe(1);
      expect(n("select count(*) as n from assessment_answers")).toBeGreaterThan(0);
      expect(n("select count(*) as n from consultant_checklist_entries")).toBeGreaterThan(0);

      // The data obeys the product's rules.
      const triggers = sqlite.prepare("select name from sqlite_master where type = 'trigger'").all();
      expect(triggers).toContainEqual({ name: "consent_events_no_update" });
      expect(
        n(`select count(*) as n from consent_events e join consent_purpose_versions v on v.id = e.purpose_version_id
           where v.purpose_id <> e.purpose_id`),
      ).toBe(0);
      expect(
        n(`select count(*) as n from consent_events where (kind = 'expired') <> (method is null)
           or (kind = 'expired') <> (recorded_by_user_id is null)`),
      ).toBe(0);
      expect(
        n(`select count(*) as n from experience_feedback
           where anonymous = 1 and (consultant_id is not null or engagement_id is not null)`),
      ).toBe(0);
      expect(
        n(`select count(*) as n from payments p join engagements e on e.id = p.engagement_id
           where p.consultant_id <> e.consultant_id or e.status not in ('completed', 'cancelled')`),
      ).toBe(0);
      expect(n("select count(*) as n from payments where (status = 'paid') <> (paid_date is not null)")).toBe(0);
      expect(n("select count(*) as n from engagements where start_date is null or start_date > date('2026-12-01', '+91 days')")).toBe(0); // prettier-ignore

      // The printed accounts sign in with the printed password, with the role printed.
      const roles = sqlite
        .prepare(
          `select u.email, m.role, u.password_hash as hash from users u join memberships m on m.user_id = u.id
           where m.organization_id = ? order by u.email`,
        )
        .all(org.id) as { email: string; role: string; hash: string }[];
      expect(roles.find((r) => r.email === "admin@large.test")?.role).toBe("admin");
      expect(roles.find((r) => r.email === "staff@large.test")?.role).toBe("staff");
      const consultant = roles.find((r) => r.email === "consultant1@large.test")!;
      expect(consultant.role).toBe("consultant");
      expect(await verify(consultant.hash, "bench-password-1")).toBe(true);
      expect(
        one<{ id: string } | undefined>(
          "select c.id from consultants c join users u on u.id = c.user_id where u.email = 'consultant1@large.test'",
        ),
      ).toBeDefined();
    } finally {
      sqlite.close();
    }

    // Deterministic: the same options give the same engagements and payments, ids included.
    const second = generate();
    const digest = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        const rows = db
          .prepare(
            `select e.id, e.status, e.start_date, p.id as payment, p.fee_cents, p.paid_date
             from engagements e left join payments p on p.engagement_id = e.id order by e.id, p.id`,
          )
          .all();
        return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
      } finally {
        db.close();
      }
    };
    expect(digest(second.out)).toBe(digest(first.out));
  }, 120_000);
});
