// npm run db:field-key [-- --file path] [-- --add]: creates a field encryption key file (mode 0600)
// unless one exists, or with --add puts a new current key at its top for a rotation (ADR 008).
// Prints the file and key ids, never a key.
import { parseArgs } from "node:util";
import { addKeyToFile, defaultKeyFilePath, ensureKeyFile } from "../app/utils/field-crypto.server";

const { values } = parseArgs({ options: { file: { type: "string" }, add: { type: "boolean", default: false } } });
const file = values.file ?? process.env.FIELD_ENCRYPTION_KEY_FILE ?? defaultKeyFilePath();

if (values.add) {
  const keyId = addKeyToFile(file);
  console.info(`New current key "${keyId}" added to ${file}. Now run npm run db:rotate-key.`);
} else if (ensureKeyFile(file)) {
  console.info(`Field encryption key created: ${file} (back it up apart from the database).`);
} else {
  console.info(`Field encryption key file already exists: ${file}`);
}
