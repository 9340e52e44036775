import { applyMigrations, openDatabase, resolveDatabasePath } from "./connection";
import { readTemplateFiles, storeTemplates } from "./template-files";
import { describeSealEverything, sealEverySealedColumn } from "../app/models/field-maintenance.server";

const db = openDatabase();
const applied = applyMigrations(db);
// Templates are checked before anything is written: a malformed file stops here, named.
const templates = readTemplateFiles();
const added = db.transaction((tx) => storeTemplates(tx, templates));
// Values written before field encryption existed are sealed here (ADR 008), and from then on a
// value in clear is refused; a no-op once done.
const sealed = sealEverySealedColumn(db);
db.$client.close();
console.info(
  `Database is up to date: ${resolveDatabasePath()} (${applied} migrations applied` +
    `${applied > 0 ? ", every reference checked" : ""}; ${added} new assessment template versions)`,
);
console.info("Field encryption:");
for (const line of describeSealEverything(sealed)) console.info(line);
