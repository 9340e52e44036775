// The partner directory: providers named on an assessment's external resource map, kept so they can
// be picked again.
import { and, asc, eq, sql } from "drizzle-orm";
import { partners } from "../../db/schema";
import { db, type Executor } from "../utils/db.server";
import type { TableRow } from "../utils/assessment-answers";

/**
 * Keeps every provider named on an external resource map in the organization's partner
 * directory, so it can be picked again next time. Names match without regard to capitals; a
 * contact given later fills in one that was missing but never overwrites one.
 */
export function rememberPartners(tx: Executor, organizationId: string, sector: string, rows: TableRow[]) {
  for (const row of rows) {
    const name = typeof row.cells.provider === "string" ? row.cells.provider.trim() : "";
    if (!name) continue;
    const contact = typeof row.cells.contact === "string" && row.cells.contact.trim() ? row.cells.contact.trim() : null;
    const existing = tx
      .select()
      .from(partners)
      .where(and(eq(partners.organizationId, organizationId), sql`lower(${partners.name}) = lower(${name})`))
      .get();
    if (!existing) {
      tx.insert(partners)
        .values({ organizationId, name, contact, sectors: [sector] })
        .run();
      continue;
    }
    const sectors = existing.sectors.includes(sector) ? existing.sectors : [...existing.sectors, sector];
    tx.update(partners)
      .set({ contact: existing.contact ?? contact, sectors, updatedAt: new Date() })
      .where(eq(partners.id, existing.id))
      .run();
  }
}

export function listPartners(organizationId: string) {
  return db
    .select({ id: partners.id, name: partners.name, contact: partners.contact, sectors: partners.sectors })
    .from(partners)
    .where(eq(partners.organizationId, organizationId))
    .orderBy(asc(sql`lower(${partners.name})`))
    .all();
}
