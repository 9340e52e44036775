// npm run db:restore -- <backup file> [--dir ./backups]: replaces the database DATABASE_URL names.
// Stop the server first; the database being replaced is kept in the backup folder.
import { parseArgs } from "node:util";
import { restoreDatabase } from "./backup";

const { values, positionals } = parseArgs({ options: { dir: { type: "string" } }, allowPositionals: true });
const from = positionals[0];
if (!from || positionals.length > 1) {
  console.error("Usage: npm run db:restore -- <backup file> [--dir <backup folder>]");
  process.exit(2);
}

try {
  const result = await restoreDatabase({ from, backupDir: values.dir });
  console.info(
    `Checked ${result.restoredFrom}: integrity ok, ${result.check.tables.length} tables, ${result.check.migrations} migrations.`,
  );
  if (result.safetyCopy) {
    console.info(
      `The database it replaced is kept at ${result.safetyCopy.file} (integrity: ${result.safetyCopy.integrity}).`,
    );
  }
  console.info(`Restored ${result.databasePath}. Start the server: it applies any newer migrations.`);
} catch (error) {
  console.error(`Restore refused: ${(error as Error).message}`);
  process.exit(1);
}
