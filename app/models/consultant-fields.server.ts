import { consultants } from "../../db/schema";
import {
  decryptNullable,
  encryptNullable,
  sealedColumn,
  type KeyRing,
  type SealedValue,
} from "../utils/field-crypto.server";
import { clearTextRefused } from "./field-encryption-state.server";

/**
 * The consultant columns sealed at rest (ADR 008): the legal name, the phone number, staff notes,
 * the support person, access needs and the consultant's note to staff about their availability. Every read and write of them goes through these helpers:
 * other modules select them with sealedConsultantColumns and open the row with
 * openConsultantFields. Encrypted columns cannot be searched or sorted in SQL, so none of them is.
 */
export const SEALED_CONSULTANT_COLUMNS = {
  legalName: "legal_name",
  phone: "phone",
  staffNotes: "staff_notes",
  supportPerson: "support_person",
  accessNeeds: "access_needs",
  availabilityNote: "availability_note",
} as const;

export type SealedConsultantField = keyof typeof SEALED_CONSULTANT_COLUMNS;
export const SEALED_CONSULTANT_FIELDS = Object.keys(SEALED_CONSULTANT_COLUMNS) as SealedConsultantField[];

export type ConsultantOwner = { organizationId: string; consultantId: string };

/** Binds a ciphertext to its table, column, organization and record. */
export function consultantFieldAad(field: SealedConsultantField, owner: ConsultantOwner) {
  return `consultants.${SEALED_CONSULTANT_COLUMNS[field]}|${owner.organizationId}|${owner.consultantId}`;
}

/**
 * The sealed columns to put in a select, by field name. Their values come back as SealedValue,
 * which cannot be used as text until openConsultantFields has opened them for their record.
 */
export function sealedConsultantColumns<F extends SealedConsultantField>(...fields: F[]) {
  return Object.fromEntries(fields.map((field) => [field, sealedColumn(consultants[field])])) as {
    [K in F]: ReturnType<typeof sealedColumn<(typeof consultants)[K]>>;
  };
}

type SealableFields = Partial<Record<SealedConsultantField, string | null | undefined>>;
type MaybeSealed = Partial<Record<SealedConsultantField, SealedValue | string | null | undefined>>;
type Opened<V> = V extends SealedValue ? string : V;
/** A row with its sealed fields opened: text (or null) where the row held a sealed value. */
export type OpenedConsultantFields<T> = { [K in keyof T]: K extends SealedConsultantField ? Opened<T[K]> : T[K] };

/** A copy of `values` with each sealed field present in it encrypted for this record. */
export function sealConsultantFields<T extends SealableFields>(values: T, owner: ConsultantOwner, ring?: KeyRing): T {
  const out: Record<string, unknown> = { ...values };
  for (const field of SEALED_CONSULTANT_FIELDS) {
    if (field in values) out[field] = encryptNullable(values[field], consultantFieldAad(field, owner), ring);
  }
  return out as T;
}

/**
 * A copy of a row read from the database with each sealed field present in it decrypted. A value in
 * clear is read as it is until `db:encrypt-fields` has sealed every column, and refused after.
 */
export function openConsultantFields<T extends MaybeSealed>(
  row: T,
  owner: ConsultantOwner,
  ring?: KeyRing,
): OpenedConsultantFields<T> {
  const out: Record<string, unknown> = { ...row };
  for (const field of SEALED_CONSULTANT_FIELDS) {
    if (!(field in row)) continue;
    out[field] = decryptNullable(row[field], consultantFieldAad(field, owner), ring, clearTextRefused);
  }
  return out as OpenedConsultantFields<T>;
}
