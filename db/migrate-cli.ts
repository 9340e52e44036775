import { applyMigrations, openDatabase, resolveDatabasePath } from "./connection";
import { readTemplateFiles, storeTemplates } from "./template-files";

const db = openDatabase();
applyMigrations(db);
// Templates are checked before anything is written: a malformed file stops here, named.
const templates = readTemplateFiles();
const added = db.transaction((tx) => storeTemplates(tx, templates));
db.$client.close();
console.info(`Database is up to date: ${resolveDatabasePath()} (${added} new assessment template versions)`);
