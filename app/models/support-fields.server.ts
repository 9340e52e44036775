import { supportItems } from "../../db/schema";
import {
  decryptNullable,
  encryptNullable,
  sealedColumn,
  type KeyRing,
  type SealedValue,
} from "../utils/field-crypto.server";
import { clearTextRefused } from "./field-encryption-state.server";

/**
 * What a consultant says they need for a piece of work (access needs, who their support person is) is
 * sealed at rest like the same words on their profile (ADR 008), and bound to its item: copied into
 * another row, it does not open. Other modules select it with sealedSupportDetails and open it with
 * openSupportDetails; nothing else reads the column.
 */
export type SupportItemOwner = { organizationId: string; itemId: string };

export const supportDetailsAad = (owner: SupportItemOwner) =>
  `support_items.details|${owner.organizationId}|${owner.itemId}`;

/** The details column to put in a select: its value comes back sealed, for openSupportDetails. */
export const sealedSupportDetails = () => sealedColumn(supportItems.details);

export function sealSupportDetails(value: string | null | undefined, owner: SupportItemOwner, ring?: KeyRing) {
  return encryptNullable(value, supportDetailsAad(owner), ring) ?? null;
}

/** A value in clear is refused once `db:encrypt-fields` has sealed every column (see decryptField). */
export function openSupportDetails(stored: SealedValue | string | null, owner: SupportItemOwner, ring?: KeyRing) {
  return decryptNullable(stored, supportDetailsAad(owner), ring, clearTextRefused) ?? null;
}
