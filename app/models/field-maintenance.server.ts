import { and, asc, count, eq, gt, isNotNull, ne, sql } from "drizzle-orm";
import { consultants, supportItems, twoFactorCredentials } from "../../db/schema";
import type { AppDatabase, Executor } from "../utils/db.server";
import { recordAudit } from "../utils/audit.server";
import {
  decryptField,
  encryptField,
  ENVELOPE_PREFIX,
  envelopeKeyId,
  isEnvelope,
  keyRing,
  type KeyRing,
} from "../utils/field-crypto.server";
import { totpSecretAad } from "./two-factor-secret.server";
import { supportDetailsAad } from "./support-fields.server";
import {
  consultantFieldAad,
  SEALED_CONSULTANT_FIELDS,
  sealConsultantFields,
  type SealedConsultantField,
} from "./consultant-fields.server";
import { clearTextRefused, recordEveryColumnSealed } from "./field-encryption-state.server";

export type ResealMode =
  /** Seal values still stored in clear (written before encryption existed); leave sealed ones. */
  | "plaintext"
  /** Re-seal every value not sealed with the current key, including values in clear. */
  | "rotate";

export type ResealReport = {
  currentKeyId: string;
  rowsScanned: number;
  rowsChanged: number;
  valuesResealed: number;
  /** How many values each former key (or "plaintext") sealed before this run. */
  fromKeys: Record<string, number>;
  batches: number;
};

/**
 * Every column sealed at rest, by table: the one list of them. Only the field modules
 * (consultant-fields, two-factor-secret, support-fields and this one) read these columns; everything
 * else asks them for opened values.
 */
export const SEALED_COLUMNS = [
  { table: consultants, columns: SEALED_CONSULTANT_FIELDS.map((field) => consultants[field]) },
  { table: twoFactorCredentials, columns: [twoFactorCredentials.secret] },
  { table: supportItems, columns: [supportItems.details] },
] as const;

// Read as stored (not as SealedValue): re-sealing needs to see which key, if any, sealed each one.
const storedConsultantColumns = Object.fromEntries(SEALED_CONSULTANT_FIELDS.map((f) => [f, consultants[f]])) as {
  [F in SealedConsultantField]: (typeof consultants)[F];
};

function needsResealing(value: string | null, mode: ResealMode, ring: KeyRing) {
  if (value === null || value === "") return false;
  if (!isEnvelope(value)) return true;
  return mode === "rotate" && envelopeKeyId(value) !== ring.currentKeyId;
}

/**
 * Walks every consultant record in batches, each batch its own transaction, and re-seals the values
 * the mode asks for with the current key. Safe to run again: values already in the wanted state
 * are skipped. `updatedAt` is left alone: the content did not change, so open edit forms stay valid.
 */
export function resealConsultantFields(
  database: AppDatabase,
  args: { mode: ResealMode; batchSize?: number; ring?: KeyRing },
): ResealReport {
  const ring = args.ring ?? keyRing();
  const batchSize = args.batchSize ?? 200;
  const report: ResealReport = {
    currentKeyId: ring.currentKeyId,
    rowsScanned: 0,
    rowsChanged: 0,
    valuesResealed: 0,
    fromKeys: {},
    batches: 0,
  };
  let after = "";
  for (;;) {
    const scanned = database.transaction((tx) => {
      const rows = tx
        .select({ id: consultants.id, organizationId: consultants.organizationId, ...storedConsultantColumns })
        .from(consultants)
        .where(after ? gt(consultants.id, after) : undefined)
        .orderBy(asc(consultants.id))
        .limit(batchSize)
        .all();
      const changedByOrganization = new Map<string, Set<SealedConsultantField>>();
      for (const row of rows) {
        const owner = { organizationId: row.organizationId, consultantId: row.id };
        const stale = SEALED_CONSULTANT_FIELDS.filter((field) => needsResealing(row[field], args.mode, ring));
        if (stale.length === 0) continue;
        for (const field of stale) {
          const from = envelopeKeyId(row[field]!) ?? "plaintext";
          report.fromKeys[from] = (report.fromKeys[from] ?? 0) + 1;
        }
        let opened: Partial<Record<SealedConsultantField, string>>;
        try {
          // decryptField itself, not openConsultantFields: a value in clear is what this seals,
          // even one found after clear text began to be refused.
          opened = Object.fromEntries(
            stale.map((field) => [field, decryptField(row[field]!, consultantFieldAad(field, owner), ring)]),
          );
        } catch (error) {
          // Stop, rather than skip a value nobody could read again: say where, never what.
          throw new Error(`Consultant record ${row.id}: ${(error as Error).message}`);
        }
        const resealed = sealConsultantFields(opened, owner, ring);
        tx.update(consultants)
          .set(resealed)
          .where(and(eq(consultants.id, row.id), eq(consultants.organizationId, row.organizationId)))
          .run();
        report.rowsChanged += 1;
        report.valuesResealed += stale.length;
        const fields = changedByOrganization.get(row.organizationId) ?? new Set();
        stale.forEach((f) => fields.add(f));
        changedByOrganization.set(row.organizationId, fields);
      }
      // One entry per organization and batch: which fields were re-sealed, never their values.
      for (const [organizationId, fields] of changedByOrganization) {
        recordAudit(tx, {
          actorUserId: null,
          organizationId,
          action: args.mode === "rotate" ? "consultant.fields_key_rotated" : "consultant.fields_encrypted",
          subjectType: "consultant",
          subjectId: null,
          changedFields: [...fields],
        });
      }
      return rows;
    });
    if (scanned.length === 0) break;
    report.batches += 1;
    report.rowsScanned += scanned.length;
    after = scanned.at(-1)!.id;
    if (scanned.length < batchSize) break;
  }
  return report;
}

export function describeResealReport(report: ResealReport) {
  const from = Object.entries(report.fromKeys)
    .map(([key, n]) => `${n} from ${key}`)
    .join(", ");
  return (
    `${report.rowsScanned} consultant records checked in ${report.batches} batches; ` +
    `${report.valuesResealed} values in ${report.rowsChanged} records sealed with key "${report.currentKeyId}"` +
    (from ? ` (${from}).` : ".")
  );
}

/**
 * Re-seals two-step sign-in secrets as the mode asks (they are few: one per person who turned it
 * on), in one transaction. Returns how many were re-sealed.
 */
export function resealTwoFactorSecrets(database: AppDatabase, args: { mode: ResealMode; ring?: KeyRing }) {
  const ring = args.ring ?? keyRing();
  return database.transaction((tx) => {
    let resealed = 0;
    for (const row of tx.select().from(twoFactorCredentials).all()) {
      if (!needsResealing(row.secret, args.mode, ring)) continue;
      const aad = totpSecretAad(row.userId);
      tx.update(twoFactorCredentials)
        .set({ secret: encryptField(decryptField(row.secret, aad, ring), aad, ring) })
        .where(eq(twoFactorCredentials.userId, row.userId))
        .run();
      resealed++;
    }
    return resealed;
  });
}

/**
 * Re-seals what consultants said they need for a piece of work (support plan details) as the mode
 * asks, in batches, each its own transaction. Returns how many values were re-sealed.
 */
export function resealSupportDetails(
  database: AppDatabase,
  args: { mode: ResealMode; batchSize?: number; ring?: KeyRing },
) {
  const ring = args.ring ?? keyRing();
  const batchSize = args.batchSize ?? 200;
  let resealed = 0;
  let after = "";
  for (;;) {
    const scanned = database.transaction((tx) => {
      const rows = tx
        .select({ id: supportItems.id, organizationId: supportItems.organizationId, details: supportItems.details })
        .from(supportItems)
        .where(and(isNotNull(supportItems.details), after ? gt(supportItems.id, after) : undefined))
        .orderBy(asc(supportItems.id))
        .limit(batchSize)
        .all();
      for (const row of rows) {
        if (!needsResealing(row.details, args.mode, ring)) continue;
        const aad = supportDetailsAad({ organizationId: row.organizationId, itemId: row.id });
        let opened: string;
        try {
          opened = decryptField(row.details!, aad, ring);
        } catch (error) {
          // Stop, rather than skip a value nobody could read again: say where, never what.
          throw new Error(`Support item ${row.id}: ${(error as Error).message}`);
        }
        tx.update(supportItems)
          .set({ details: encryptField(opened, aad, ring) })
          .where(eq(supportItems.id, row.id))
          .run();
        resealed++;
      }
      return rows;
    });
    if (scanned.length === 0) break;
    after = scanned.at(-1)!.id;
    if (scanned.length < batchSize) break;
  }
  return resealed;
}

/** How many values, over every sealed column, are still stored in clear (null and "" hide nothing). */
export function clearValuesLeft(executor: Executor) {
  let left = 0;
  for (const { table, columns } of SEALED_COLUMNS) {
    for (const column of columns) {
      const inClear = and(
        isNotNull(column),
        ne(column, ""),
        sql`substr(${column}, 1, ${ENVELOPE_PREFIX.length}) <> ${ENVELOPE_PREFIX}`,
      );
      left += executor.select({ n: count() }).from(table).where(inClear).get()?.n ?? 0;
    }
  }
  return left;
}

export type SealEverythingReport = {
  consultants: ResealReport;
  twoFactorSecrets: number;
  supportDetails: number;
  /** Values found in clear although clear text was already refused: written around the app. */
  strayClearValues: number;
  /** Values still in clear at the end (written while this ran): clear text is not refused yet. */
  clearValuesLeft: number;
  clearTextRefused: boolean;
};

/**
 * `npm run db:encrypt-fields` (also run by `db:migrate`): seals every value of every sealed column
 * still in clear, then checks in one transaction that none is left and records it. From then on,
 * opening a value in clear is refused. Safe to run again.
 */
export function sealEverySealedColumn(database: AppDatabase, args: { ring?: KeyRing } = {}): SealEverythingReport {
  const refusedBefore = clearTextRefused(database);
  const report = resealConsultantFields(database, { mode: "plaintext", ring: args.ring });
  const twoFactorSecrets = resealTwoFactorSecrets(database, { mode: "plaintext", ring: args.ring });
  const supportDetails = resealSupportDetails(database, { mode: "plaintext", ring: args.ring });
  const left = database.transaction((tx) => {
    const n = clearValuesLeft(tx);
    if (n === 0) recordEveryColumnSealed(tx);
    return n;
  });
  return {
    consultants: report,
    twoFactorSecrets,
    supportDetails,
    strayClearValues: refusedBefore ? (report.fromKeys.plaintext ?? 0) + twoFactorSecrets + supportDetails : 0,
    clearValuesLeft: left,
    clearTextRefused: left === 0,
  };
}

const values = (n: number) => (n === 1 ? "1 value was" : `${n} values were`);

export function describeSealEverything(result: SealEverythingReport) {
  const lines = [
    describeResealReport(result.consultants),
    `Two-step sign-in secrets sealed: ${result.twoFactorSecrets}.`,
    `Support plan details sealed: ${result.supportDetails}.`,
  ];
  if (result.strayClearValues > 0) {
    lines.push(
      `Warning: ${values(result.strayClearValues)} stored in clear although every sealed column had been sealed ` +
        "before: something wrote them without going through the app. They are sealed now; find out what wrote them.",
    );
  }
  lines.push(
    result.clearTextRefused
      ? "Every sealed column is sealed: from now on a value found in clear is refused instead of shown."
      : `${values(result.clearValuesLeft)} written in clear while this ran: run it again. ` +
          "Until then, values in clear are still read.",
  );
  return lines;
}
