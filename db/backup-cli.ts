// npm run db:backup [-- --keep 14 --dir ./backups]: an online backup of the database DATABASE_URL names.
import { parseArgs } from "node:util";
import { backupDatabase, DEFAULT_KEEP } from "./backup";

const { values } = parseArgs({
  options: { keep: { type: "string", default: String(DEFAULT_KEEP) }, dir: { type: "string" } },
});

try {
  const result = await backupDatabase({ keep: Number(values.keep), backupDir: values.dir });
  console.info(
    `Backup written and checked (integrity ok, ${result.check.tables.length} tables, ${result.check.migrations} migrations):`,
  );
  console.info(result.file);
  if (result.pruned.length > 0) console.info(`Removed ${result.pruned.length} older backups (keeping ${values.keep}).`);
} catch (error) {
  console.error(`Backup failed: ${(error as Error).message}`);
  process.exit(1);
}
