import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { sql, type AnyColumn, type SQL } from "drizzle-orm";
import { resolveDatabasePath } from "../../db/connection";

/**
 * Encryption at rest for the most sensitive free-text fields (ADR 008). Each value is sealed with
 * AES-256-GCM under the current key of a key ring, with a fresh 12-byte IV, and stored as
 *
 *   enc:v1:<keyId>:<iv base64>:<tag base64>:<ciphertext base64>
 *
 * The additional authenticated data names the table, column, organization and record, so a
 * ciphertext copied into another row or column fails to decrypt instead of showing someone else's
 * details. Values written before encryption existed (no envelope) are read as they are until
 * `npm run db:encrypt-fields` (also run by `npm run db:migrate`) has sealed them.
 */

export const ENVELOPE_PREFIX = "enc:v1:";
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const IV_BYTES = 12;
// GCM accepts tags down to 4 bytes unless told the length: a value with its tag cut short would
// open, and a short tag is far easier to forge. Ours are always the full 16 bytes.
const TAG_BYTES = 16;

export type KeyRing = {
  /** The key new values are sealed with: the first one listed. */
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
};

export class FieldKeyConfigError extends Error {}
export class FieldDecryptionError extends Error {}
/** A value in clear in a sealed column after every sealed column was sealed: written around the app. */
export class ClearTextRefusedError extends FieldDecryptionError {}

/** `keyId:base64key` entries separated by commas or new lines; `#` starts a comment line. */
export function parseKeyRing(text: string, source: string): KeyRing {
  const entries = text
    .split("\n")
    .filter((line) => !line.trim().startsWith("#"))
    .flatMap((line) => line.split(","))
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new FieldKeyConfigError(`${source} holds no keys.`);
  const keys = new Map<string, Buffer>();
  entries.forEach((entry, index) => {
    const at = entry.indexOf(":");
    const keyId = at > 0 ? entry.slice(0, at) : "";
    // Never echo the entry itself: it is a secret.
    if (!KEY_ID.test(keyId)) {
      throw new FieldKeyConfigError(
        `${source}, key ${index + 1}: write it as keyId:base64key, where keyId is letters, digits, - or _.`,
      );
    }
    const key = Buffer.from(entry.slice(at + 1), "base64");
    if (key.length !== 32) {
      throw new FieldKeyConfigError(`${source}, key "${keyId}": the key must be 32 random bytes in base64.`);
    }
    if (keys.has(keyId)) throw new FieldKeyConfigError(`${source}: key id "${keyId}" is listed twice.`);
    keys.set(keyId, key);
  });
  return { currentKeyId: [...keys.keys()][0]!, keys };
}

export function newKeyEntry(now = new Date()) {
  const keyId = `k${now.toISOString().slice(0, 10).replaceAll("-", "")}-${randomBytes(3).toString("hex")}`;
  return `${keyId}:${randomBytes(32).toString("base64")}`;
}

/** Where the demo and development keep their key when none is configured: beside the database. */
export function defaultKeyFilePath() {
  const database = resolveDatabasePath();
  const folder = database === ":memory:" ? path.resolve("data") : path.dirname(path.resolve(database));
  return path.join(folder, "field-encryption.key");
}

/** Creates a key file readable by its owner only, unless one is already there. */
export function ensureKeyFile(file: string) {
  if (fs.existsSync(file)) return false;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    `# Field encryption keys: keyId:base64key, current key first. Back this file up apart from the\n` +
      `# database: without it the encrypted fields cannot be read.\n${newKeyEntry()}\n`,
    { mode: 0o600, flag: "wx" },
  );
  return true;
}

/** Adds a new current key at the top of a key file; older keys stay so old values remain readable. */
export function addKeyToFile(file: string) {
  const entry = newKeyEntry();
  const existing = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
  const comments = existing.split("\n").filter((l) => l.trim().startsWith("#"));
  const keys = existing.split("\n").filter((l) => l.trim().length > 0 && !l.trim().startsWith("#"));
  fs.writeFileSync(file, [...comments, entry, ...keys, ""].join("\n"), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return entry.slice(0, entry.indexOf(":"));
}

export const MISSING_KEY_MESSAGE =
  "Field encryption is not configured. Set FIELD_ENCRYPTION_KEYS (keyId:base64key, current key first) or " +
  "FIELD_ENCRYPTION_KEY_FILE (a file of such lines, mode 0600). Create one with " +
  "`npm run db:field-key -- --file /path/to/keyfile`. The server will not store personal details unencrypted.";

/**
 * Reads the key ring from the environment. In production a missing key is an error; elsewhere a
 * local key file beside the database is used, and created when missing, so the demo needs no setup.
 */
export function loadKeyRing(env: NodeJS.ProcessEnv = process.env): KeyRing {
  if (env.FIELD_ENCRYPTION_KEYS?.trim()) return parseKeyRing(env.FIELD_ENCRYPTION_KEYS, "FIELD_ENCRYPTION_KEYS");
  const configuredFile = env.FIELD_ENCRYPTION_KEY_FILE?.trim();
  if (configuredFile) {
    if (!fs.existsSync(configuredFile)) {
      throw new FieldKeyConfigError(`FIELD_ENCRYPTION_KEY_FILE names a file that does not exist: ${configuredFile}`);
    }
    return parseKeyRing(fs.readFileSync(configuredFile, "utf8"), "FIELD_ENCRYPTION_KEY_FILE");
  }
  if (env.NODE_ENV === "production") throw new FieldKeyConfigError(MISSING_KEY_MESSAGE);
  const file = defaultKeyFilePath();
  ensureKeyFile(file);
  return parseKeyRing(fs.readFileSync(file, "utf8"), file);
}

let cachedRing: KeyRing | undefined;

export function keyRing() {
  return (cachedRing ??= loadKeyRing());
}

/**
 * A value as read from a sealed column, before it is opened: not a string, so it cannot be shown,
 * compared or searched by mistake (ciphertext matches nothing). Only an opener unwraps it.
 */
export class SealedValue {
  readonly #stored: string;
  constructor(stored: string) {
    this.#stored = stored;
  }
  static stored(value: SealedValue | string) {
    return typeof value === "string" ? value : value.#stored;
  }
}

/** A sealed column to select: each value comes back as a SealedValue (or null), to be opened. */
export function sealedColumn<C extends AnyColumn>(column: C) {
  return sql`${column}`.mapWith((stored: string) => new SealedValue(stored)) as SQL<
    C["_"]["notNull"] extends true ? SealedValue : SealedValue | null
  >;
}

export function isEnvelope(value: string) {
  return value.startsWith(ENVELOPE_PREFIX);
}

/** The key a stored value was sealed with, or null for a legacy plaintext value. */
export function envelopeKeyId(value: string) {
  return isEnvelope(value) ? (value.slice(ENVELOPE_PREFIX.length).split(":")[0] ?? null) : null;
}

export function encryptField(plaintext: string, aad: string, ring: KeyRing = keyRing()) {
  const key = ring.keys.get(ring.currentKeyId)!;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${ENVELOPE_PREFIX}${ring.currentKeyId}:${iv.toString("base64")}:${tag.toString("base64")}:${ciphertext.toString("base64")}`;
}

/**
 * Opens a sealed value. A value in clear (no envelope) was written before encryption existed and
 * is returned as it is, unless `clearTextRefused()` says every sealed column has been sealed since:
 * then it was written around the field modules, and is refused rather than shown. The question is
 * asked only when a value in clear turns up. The empty string is stored as it is and always reads.
 */
export function decryptField(
  value: SealedValue | string,
  aad: string,
  ring: KeyRing = keyRing(),
  clearTextRefused: () => boolean = () => false,
) {
  const stored = SealedValue.stored(value);
  if (!isEnvelope(stored)) {
    if (stored !== "" && clearTextRefused()) {
      // The column's name from the binding, never the value or the record.
      throw new ClearTextRefusedError(
        `A value in clear was found in ${aad.split("|")[0]} after every sealed column was sealed; it is not shown.`,
      );
    }
    return stored;
  }
  const parts = stored.slice(ENVELOPE_PREFIX.length).split(":");
  if (parts.length !== 4) throw new FieldDecryptionError("An encrypted value is malformed.");
  const [keyId, ivText, tagText, ciphertext] = parts as [string, string, string, string];
  const key = ring.keys.get(keyId);
  // The key id is not secret; the value is never part of the message.
  if (!key) throw new FieldDecryptionError(`An encrypted value uses key "${keyId}", which is not in the key ring.`);
  const iv = Buffer.from(ivText, "base64");
  const tag = Buffer.from(tagText, "base64");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
    throw new FieldDecryptionError("An encrypted value is malformed.");
  }
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64")), decipher.final()]).toString("utf8");
  } catch {
    throw new FieldDecryptionError("An encrypted value failed its integrity check (changed, or moved from elsewhere).");
  }
}

/** Null and the empty string hold nothing to hide and stay as they are, so "is it set?" still works. */
export function encryptNullable(value: string | null | undefined, aad: string, ring?: KeyRing) {
  if (value === null || value === undefined || value === "") return value;
  return encryptField(value, aad, ring);
}

export function decryptNullable(
  value: SealedValue | string | null | undefined,
  aad: string,
  ring?: KeyRing,
  clearTextRefused?: () => boolean,
) {
  if (value === null || value === undefined) return value;
  return decryptField(value, aad, ring, clearTextRefused);
}
