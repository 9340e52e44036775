import { applyMigrations, openDatabase, resolveDatabasePath } from "./connection";

const db = openDatabase();
applyMigrations(db);
db.$client.close();
console.info(`Database is up to date: ${resolveDatabasePath()}`);
