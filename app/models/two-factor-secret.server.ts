import { twoFactorCredentials } from "../../db/schema";
import { decryptField, encryptField, sealedColumn, type KeyRing, type SealedValue } from "../utils/field-crypto.server";
import { clearTextRefused } from "./field-encryption-state.server";

/**
 * The two-step sign-in secret is sealed at rest like the most sensitive consultant fields (ADR 008)
 * and bound to its user. Other modules select it with sealedTotpSecret and open it with
 * openTotpSecret; nothing else reads the column.
 */

/** What binds a sealed TOTP secret to its user: moved to another row, it will not open. */
export const totpSecretAad = (userId: string) => `two_factor_credentials.secret|${userId}`;

export function sealTotpSecret(userId: string, secret: string, ring?: KeyRing) {
  return encryptField(secret, totpSecretAad(userId), ring);
}

/** The secret column to put in a select: its value comes back sealed, for openTotpSecret. */
export const sealedTotpSecret = () => sealedColumn(twoFactorCredentials.secret);

/** A secret in clear is refused once `db:encrypt-fields` has sealed every column (see decryptField). */
export function openTotpSecret(userId: string, stored: SealedValue | string, ring?: KeyRing) {
  return decryptField(stored, totpSecretAad(userId), ring, clearTextRefused);
}
