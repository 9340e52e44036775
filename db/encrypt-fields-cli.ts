// npm run db:encrypt-fields: seals consultant fields still stored in clear (ADR 008). Idempotent;
// `npm run db:migrate` runs the same step after the migrations.
import { openDatabase, resolveDatabasePath } from "./connection";
import { describeResealReport, resealConsultantFields } from "../app/models/field-maintenance.server";

try {
  const db = openDatabase();
  const report = resealConsultantFields(db, { mode: "plaintext" });
  db.$client.close();
  console.info(`Field encryption (${resolveDatabasePath()}): ${describeResealReport(report)}`);
} catch (error) {
  console.error(`Field encryption failed: ${(error as Error).message}`);
  process.exit(1);
}
