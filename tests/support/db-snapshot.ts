// A copy of every table's rows, to check that a refused request wrote nothing at all.
import { db } from "../../app/utils/db.server";

export type Snapshot = Map<string, string[]>;

/** Tables every signed-in request may touch: a session's expiry slides forward on use. */
const ALWAYS_WRITTEN = new Set(["sessions"]);

function tableNames() {
  return (
    db.$client
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%drizzle%'",
      )
      .all() as { name: string }[]
  )
    .map((t) => t.name)
    .filter((name) => !ALWAYS_WRITTEN.has(name));
}

let names: string[] | undefined;

/** Every row of every table (but sessions), as JSON text, in storage order. */
export function snapshot(): Snapshot {
  names ??= tableNames();
  return new Map(
    names.map((name) => [
      name,
      (db.$client.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all() as unknown[][]).map((row) =>
        JSON.stringify(row),
      ),
    ]),
  );
}

/** Tables whose rows differ, with how (counts, or the same count with changed rows). */
export function changedTables(before: Snapshot, after: Snapshot, ignore: Iterable<string> = []) {
  const skip = new Set(ignore);
  const changes: string[] = [];
  for (const [name, rows] of after) {
    if (skip.has(name)) continue;
    const old = before.get(name) ?? [];
    if (old.length !== rows.length) changes.push(`${name}: ${old.length} → ${rows.length} rows`);
    else if (old.some((row, i) => row !== rows[i])) changes.push(`${name}: rows changed`);
  }
  return changes;
}

/** Every id of a row that belongs to the organization, and of its people: what the other side must never see. */
export function idsOfOrganization(organizationId: string) {
  const ids = new Set<string>([organizationId]);
  const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
  for (const { name } of tables) {
    const columns = (db.$client.prepare(`PRAGMA table_info("${name}")`).all() as { name: string }[]).map((c) => c.name);
    if (!columns.includes("organization_id") || !columns.includes("id")) continue;
    const rows = db.$client.prepare(`SELECT id FROM "${name}" WHERE organization_id = ?`).all(organizationId);
    for (const row of rows as { id: string }[]) ids.add(row.id);
  }
  const people = db.$client.prepare("SELECT user_id FROM memberships WHERE organization_id = ?").all(organizationId);
  for (const row of people as { user_id: string }[]) ids.add(row.user_id);
  return ids;
}
