import { sql } from "drizzle-orm";
import { db } from "../utils/db.server";

/** True when the database answers a query: the server is of no use without it. */
export function isDatabaseAnswering() {
  try {
    return db.get<{ ok: number }>(sql`select 1 as ok`)?.ok === 1;
  } catch {
    return false;
  }
}
