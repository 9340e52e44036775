// npm run db:encrypt-fields: seals every value of a sealed column still stored in clear (ADR 008),
// then records that all are sealed, so that from then on a value in clear is refused. Idempotent;
// `npm run db:migrate` runs the same step after the migrations.
import { openDatabase, resolveDatabasePath } from "./connection";
import { describeSealEverything, sealEverySealedColumn } from "../app/models/field-maintenance.server";

try {
  const db = openDatabase();
  const result = sealEverySealedColumn(db);
  db.$client.close();
  console.info(`Field encryption (${resolveDatabasePath()}):`);
  for (const line of describeSealEverything(result)) console.info(line);
} catch (error) {
  console.error(`Field encryption failed: ${(error as Error).message}`);
  process.exit(1);
}
