// npm run db:rotate-key [-- --batch 200]: re-seals every consultant field, two-step secret and support plan detail with
// the current (first) key of the ring (ADR 008). Put the new key first, run this, restart the
// servers, then remove the old key once the report shows nothing is left under it (a second run
// reports 0 values) and restart them again.
import { parseArgs } from "node:util";
import { openDatabase, resolveDatabasePath } from "./connection";
import {
  describeResealReport,
  resealConsultantFields,
  resealSupportDetails,
  resealTwoFactorSecrets,
} from "../app/models/field-maintenance.server";

const { values } = parseArgs({ options: { batch: { type: "string", default: "200" } } });

try {
  const db = openDatabase();
  const report = resealConsultantFields(db, { mode: "rotate", batchSize: Number(values.batch) });
  const secrets = resealTwoFactorSecrets(db, { mode: "rotate" });
  const supportDetails = resealSupportDetails(db, { mode: "rotate", batchSize: Number(values.batch) });
  db.$client.close();
  console.info(`Key rotation (${resolveDatabasePath()}): ${describeResealReport(report)}`);
  console.info(`Two-step sign-in secrets re-sealed with the current key: ${secrets}.`);
  console.info(`Support plan details re-sealed with the current key: ${supportDetails}.`);
  // A server reads the key ring once, when it starts: this command cannot reach it.
  console.info(
    "Restart every running server now: each one keeps the keys it read when it started. A server " +
      "started before the new key was added cannot open the values sealed with it. When a second run " +
      "reports 0 values, remove the old key and restart the servers again.",
  );
} catch (error) {
  console.error(`Key rotation failed: ${(error as Error).message}`);
  process.exit(1);
}
