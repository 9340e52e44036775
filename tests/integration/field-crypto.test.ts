// Encryption at rest of the sealed consultant fields (ADR 008): the envelope, its binding to a
// row and column, key rotation, and what actually lands in the SQLite file and the audit log.
import fs from "node:fs";
import { randomBytes, randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents, consultants, fieldEncryptionState, twoFactorCredentials } from "../../db/schema";
import { db } from "../../app/utils/db.server";
import {
  ClearTextRefusedError,
  decryptField,
  encryptField,
  envelopeKeyId,
  FieldDecryptionError,
  FieldKeyConfigError,
  keyRing,
  loadKeyRing,
  parseKeyRing,
  type KeyRing,
} from "../../app/utils/field-crypto.server";
import {
  consultantFieldAad,
  openConsultantFields,
  SEALED_CONSULTANT_FIELDS,
} from "../../app/models/consultant-fields.server";
import {
  clearValuesLeft,
  resealConsultantFields,
  sealEverySealedColumn,
} from "../../app/models/field-maintenance.server";
import { clearTextRefused } from "../../app/models/field-encryption-state.server";
import { openTotpSecret } from "../../app/models/two-factor-secret.server";
import {
  createConsultant,
  getConsultantForStaff,
  updateConsultantProfile,
} from "../../app/models/consultant/record.server";
import { exportOwnData, updateOwnProfile } from "../../app/models/consultant/own.server";
import { taxYearTotals } from "../../app/models/payment/tax-year.server";
import { StaffProfileSchema, SelfProfileSchema } from "../../app/utils/consultant-schema";
import { createConsultantRecord, createMember, createOrganization } from "../support/factories";

const short = () => randomUUID().slice(0, 8);
const keyEntry = (id: string) => `${id}:${randomBytes(32).toString("base64")}`;

const org = createOrganization();
let admin: Awaited<ReturnType<typeof createMember>>;
beforeAll(async () => {
  admin = await createMember({ organizationId: org.id, role: "admin" });
});

function rawRow(id: string) {
  return db.$client.prepare("select * from consultants where id = ?").get(id) as Record<string, string | null>;
}

const COLUMNS = ["legal_name", "phone", "staff_notes", "support_person", "access_needs"];

describe("the envelope", () => {
  const ring = parseKeyRing(`${keyEntry("a")},${keyEntry("b")}`, "test");

  it("round-trips any text under the current (first) key", () => {
    for (const text of ["Ana María Reyes", "+1 (555) 010-2030", "نص طويل 🙏", "x".repeat(5000), " "]) {
      const sealed = encryptField(text, "aad", ring);
      expect(sealed).toMatch(/^enc:v1:a:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
      expect(sealed).not.toContain(text.trim() || "\u0000");
      expect(decryptField(sealed, "aad", ring)).toBe(text);
    }
  });

  it("uses a new IV every time, so equal values do not look equal", () => {
    expect(encryptField("same", "aad", ring)).not.toBe(encryptField("same", "aad", ring));
  });

  it("refuses a changed ciphertext, IV or tag", () => {
    const sealed = encryptField("Staff note about a safe meeting place", "aad", ring);
    const parts = sealed.split(":");
    for (const index of [3, 4, 5]) {
      const bytes = Buffer.from(parts[index]!, "base64");
      bytes[0] = bytes[0]! ^ 1;
      const tampered = [...parts.slice(0, index), bytes.toString("base64"), ...parts.slice(index + 1)].join(":");
      expect(() => decryptField(tampered, "aad", ring)).toThrow(FieldDecryptionError);
    }
    expect(() => decryptField("enc:v1:a:only-two", "aad", ring)).toThrow(FieldDecryptionError);
  });

  it("refuses a tag cut short: a shorter tag is easier to forge", () => {
    const sealed = encryptField("Support person: my sister", "aad", ring);
    const parts = sealed.split(":");
    const tag = Buffer.from(parts[4]!, "base64");
    expect(tag).toHaveLength(16);
    for (const length of [15, 12, 8, 4]) {
      const truncated = [...parts.slice(0, 4), tag.subarray(0, length).toString("base64"), parts[5]].join(":");
      expect(() => decryptField(truncated, "aad", ring), `${length}-byte tag`).toThrow(FieldDecryptionError);
    }
    const longer = [...parts.slice(0, 4), Buffer.concat([tag, Buffer.from([0])]).toString("base64"), parts[5]];
    expect(() => decryptField(longer.join(":"), "aad", ring)).toThrow(FieldDecryptionError);
  });

  it("refuses a value under a key that is not in the ring", () => {
    const other = parseKeyRing(keyEntry("gone"), "test");
    expect(() => decryptField(encryptField("x", "aad", other), "aad", ring)).toThrow(/key "gone"/);
  });

  it("reads legacy plaintext as it is during the transition", () => {
    expect(decryptField("555-0101", "aad", ring)).toBe("555-0101");
  });

  it("rejects malformed key configuration without echoing the secret", () => {
    const secret = randomBytes(16).toString("base64");
    const cases = [
      `bad id:${secret}`,
      `short:${secret}`,
      `long:${randomBytes(33).toString("base64")}`,
      "",
      `${keyEntry("a")},${keyEntry("a")}`,
    ];
    for (const text of cases) {
      let message = "";
      try {
        parseKeyRing(text, "FIELD_ENCRYPTION_KEYS");
      } catch (error) {
        expect(error).toBeInstanceOf(FieldKeyConfigError);
        message = (error as Error).message;
      }
      expect(message).toMatch(/FIELD_ENCRYPTION_KEYS/);
      expect(message).not.toContain(secret);
    }
  });

  it("in production refuses to run without a key, with a message saying what to set", () => {
    expect(() => loadKeyRing({ NODE_ENV: "production" })).toThrow(/FIELD_ENCRYPTION_KEYS.*FIELD_ENCRYPTION_KEY_FILE/s);
    expect(() => loadKeyRing({ NODE_ENV: "production", FIELD_ENCRYPTION_KEY_FILE: "/nonexistent/key" })).toThrow(
      /does not exist/,
    );
    expect(loadKeyRing({ NODE_ENV: "production", FIELD_ENCRYPTION_KEYS: keyEntry("prod") }).currentKeyId).toBe("prod");
  });

  it("the test run's key file is readable by its owner only", () => {
    const file = process.env.FIELD_ENCRYPTION_KEY_FILE!;
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe("binding to a row and a column", () => {
  it("a ciphertext moved to another record or another column does not open", () => {
    const first = createConsultantRecord(org.id, { legalName: "Moved Name", staffNotes: "n" });
    const second = createConsultantRecord(org.id, { legalName: "Other Name" });
    const sealedName = rawRow(first.id).legal_name!;
    const owner = { organizationId: org.id, consultantId: first.id };
    expect(decryptField(sealedName, consultantFieldAad("legalName", owner))).toBe("Moved Name");
    // Another row of the same organization.
    expect(() =>
      decryptField(sealedName, consultantFieldAad("legalName", { organizationId: org.id, consultantId: second.id })),
    ).toThrow(FieldDecryptionError);
    // Another column of the same row.
    expect(() => decryptField(sealedName, consultantFieldAad("staffNotes", owner))).toThrow(FieldDecryptionError);
    // Another organization.
    expect(() =>
      decryptField(sealedName, consultantFieldAad("legalName", { organizationId: "other", consultantId: first.id })),
    ).toThrow(FieldDecryptionError);

    // Copied in SQL, the app refuses to show it rather than show someone else's name.
    db.update(consultants).set({ legalName: sealedName }).where(eq(consultants.id, second.id)).run();
    expect(() =>
      getConsultantForStaff({
        organizationId: org.id,
        consultantId: second.id,
        viewer: { userId: admin.userId, role: "admin" },
      }),
    ).toThrow(FieldDecryptionError);
    db.update(consultants).set({ legalName: null }).where(eq(consultants.id, second.id)).run();
  });
});

describe("what is stored", () => {
  const secrets = {
    legalName: `Legalina Secretname ${short()}`,
    phone: `+1 555 ${Math.floor(1000000 + Math.random() * 8999999)}`,
    staffNotes: `Met at the clinic ${short()}`,
    supportPerson: `Auntie Rosalind ${short()}`,
    accessNeeds: `Step-free room ${short()}`,
  };

  function fileContains(text: string) {
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const file = process.env.DATABASE_URL!;
    const bytes = Buffer.concat(
      ["", "-wal"].filter((s) => fs.existsSync(file + s)).map((s) => fs.readFileSync(file + s)),
    );
    return bytes.includes(Buffer.from(text, "utf8"));
  }

  it("after create and update through the model, neither the rows, the file nor the audit log hold the values", () => {
    const by = { userId: admin.userId, role: "admin" as const };
    const id = createConsultant({
      organizationId: org.id,
      actor: by,
      input: StaffProfileSchema.parse({ preferredName: `Sealed ${short()}`, ...secrets }),
      creationKey: randomUUID(),
    });
    const changed = {
      legalName: `${secrets.legalName} Updated`,
      phone: `${secrets.phone}9`,
      staffNotes: `${secrets.staffNotes} updated`,
      supportPerson: `${secrets.supportPerson} updated`,
      accessNeeds: `${secrets.accessNeeds} updated`,
    };
    const base = { preferredName: `Sealed ${short()}` };
    updateConsultantProfile({
      organizationId: org.id,
      consultantId: id,
      actor: by,
      input: StaffProfileSchema.parse({ ...base, ...changed }),
    });

    const row = rawRow(id);
    for (const column of COLUMNS) expect(row[column]).toMatch(/^enc:v1:/);
    const values = [...Object.values(secrets), ...Object.values(changed)];
    for (const value of values) {
      expect(JSON.stringify(row)).not.toContain(value);
      expect(fileContains(value), `"${value}" found in the database file`).toBe(false);
    }
    // The sealed values are still there for the people allowed to read them.
    const view = getConsultantForStaff({ organizationId: org.id, consultantId: id, viewer: by });
    expect(view).toMatchObject(changed);

    const audit = db.select().from(auditEvents).where(eq(auditEvents.subjectId, id)).all();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["consultant.created", "consultant.updated"]));
    const auditText = JSON.stringify(audit);
    for (const value of values) expect(auditText).not.toContain(value);
    // Every sealed field of the profile; the note about availability is the consultant's own, set apart.
    expect(audit.find((a) => a.action === "consultant.updated")!.changedFields).toEqual(
      expect.arrayContaining(SEALED_CONSULTANT_FIELDS.filter((field) => field !== "availabilityNote")),
    );
  });

  it("the consultant's own edits are sealed too, and their export and tax totals read them back", async () => {
    const member = await createMember({ organizationId: org.id, role: "consultant" });
    const record = createConsultantRecord(org.id, {
      userId: member.userId,
      email: member.email,
      legalName: "Export Legal",
    });
    const phone = `555 ${short().replace(/\D/g, "1")}`;
    updateOwnProfile({
      organizationId: org.id,
      userId: member.userId,
      input: SelfProfileSchema.parse({
        preferredName: record.preferredName,
        email: member.email,
        phone,
        accessNeeds: "Large print",
        supportPerson: "My sister",
      }),
    });
    const row = rawRow(record.id);
    expect(row.phone).toMatch(/^enc:v1:/);
    expect(row.access_needs).toMatch(/^enc:v1:/);
    expect(JSON.stringify(row)).not.toMatch(/Large print|My sister|Export Legal/);
    const exported = exportOwnData({ organizationId: org.id, userId: member.userId, organizationName: org.name });
    expect(exported.profile).toMatchObject({ phone, accessNeeds: "Large print", supportPerson: "My sister" });
    expect(exported.profile.legalNameOnFile).toBe(true);
    expect(taxYearTotals({ organizationId: org.id, taxYear: 2026, includeLegalName: true }).rows).toEqual([]);
  });
});

describe("migrating and rotating", () => {
  it("seals legacy plaintext once (idempotent), then rotation moves everything to the new key", () => {
    // A database from before encryption: values written in clear.
    const org2 = createOrganization();
    const legacy = db
      .insert(consultants)
      .values({ organizationId: org2.id, preferredName: "Legacy", legalName: "Legacy Legal", phone: "555-0199" })
      .returning()
      .get();
    const owner = { organizationId: org2.id, consultantId: legacy.id };
    expect(rawRow(legacy.id).legal_name).toBe("Legacy Legal");
    // Readable during the transition.
    expect(openConsultantFields({ legalName: "Legacy Legal" }, owner).legalName).toBe("Legacy Legal");

    const oldRing = keyRing();
    const first = resealConsultantFields(db, { mode: "plaintext", batchSize: 3 });
    expect(first.fromKeys.plaintext).toBeGreaterThanOrEqual(2);
    expect(rawRow(legacy.id).legal_name).toMatch(new RegExp(`^enc:v1:${oldRing.currentKeyId}:`));
    const again = resealConsultantFields(db, { mode: "plaintext", batchSize: 3 });
    expect(again.valuesResealed).toBe(0);
    expect(again.rowsScanned).toBe(first.rowsScanned);

    // A new current key, with the old one still listed: old values stay readable before rotating.
    const oldEntries = [...oldRing.keys].map(([id, key]) => `${id}:${key.toString("base64")}`);
    const newRing: KeyRing = parseKeyRing([keyEntry("rotated"), ...oldEntries].join(","), "test");
    const sealedBefore = rawRow(legacy.id).legal_name!;
    expect(decryptField(sealedBefore, consultantFieldAad("legalName", owner), newRing)).toBe("Legacy Legal");

    const updatedAtBefore = rawRow(legacy.id).updated_at;
    const rotated = resealConsultantFields(db, { mode: "rotate", batchSize: 3, ring: newRing });
    expect(rotated.batches).toBeGreaterThan(1);
    expect(rotated.fromKeys[oldRing.currentKeyId]).toBeGreaterThanOrEqual(2);
    expect(rotated.currentKeyId).toBe("rotated");
    const all = db.$client.prepare(`select ${COLUMNS.join(", ")} from consultants`).all() as Record<
      string,
      string | null
    >[];
    for (const row of all) {
      for (const value of Object.values(row)) if (value) expect(envelopeKeyId(value)).toBe("rotated");
    }
    expect(rawRow(legacy.id).updated_at).toBe(updatedAtBefore);
    expect(decryptField(rawRow(legacy.id).legal_name!, consultantFieldAad("legalName", owner), newRing)).toBe(
      "Legacy Legal",
    );
    // Once rotated, the old key can go: the ring without it still reads everything.
    const rotatedEntry = `rotated:${newRing.keys.get("rotated")!.toString("base64")}`;
    const withoutOld = parseKeyRing(rotatedEntry, "test");
    expect(decryptField(rawRow(legacy.id).phone!, consultantFieldAad("phone", owner), withoutOld)).toBe("555-0199");
    // A second rotation finds nothing left to do.
    expect(resealConsultantFields(db, { mode: "rotate", ring: newRing }).valuesResealed).toBe(0);

    const audit = db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.organizationId, org2.id))
      .all()
      .filter((a) => a.action.startsWith("consultant.fields_"));
    expect(audit.map((a) => a.action)).toEqual(["consultant.fields_encrypted", "consultant.fields_key_rotated"]);
    expect(JSON.stringify(audit)).not.toMatch(/Legacy Legal|555-0199/);

    // Put the database back under the run's key so later reads in this file work.
    resealConsultantFields(db, { mode: "rotate", ring: parseKeyRing([...oldEntries, rotatedEntry].join(","), "test") });
    expect(envelopeKeyId(rawRow(legacy.id).legal_name!)).toBe(oldRing.currentKeyId);
  });
});

describe("once every sealed column is sealed", () => {
  it("a value in clear is read before, and refused after: it was written around the field modules", async () => {
    const org3 = createOrganization();
    const staffViewer = { userId: admin.userId, role: "admin" as const };
    const view = (consultantId: string) =>
      getConsultantForStaff({ organizationId: org3.id, consultantId, viewer: staffViewer });
    // Before: a database from before encryption, with values in clear (the migration path).
    const legacy = db
      .insert(consultants)
      .values({ organizationId: org3.id, preferredName: "Before", legalName: "Clear Before", phone: "555-0142" })
      .returning({ id: consultants.id })
      .get();
    const member = await createMember({ organizationId: org3.id, role: "staff" });
    db.insert(twoFactorCredentials).values({ userId: member.userId, secret: "JBSWY3DPEHPK3PXP" }).run();
    expect(clearTextRefused()).toBe(false);
    expect(view(legacy.id)).toMatchObject({ legalName: "Clear Before", phone: "555-0142" });
    expect(openTotpSecret(member.userId, "JBSWY3DPEHPK3PXP")).toBe("JBSWY3DPEHPK3PXP");

    try {
      // What `npm run db:encrypt-fields` does: seal everything, then record that it is all sealed.
      const result = sealEverySealedColumn(db);
      expect(result.clearTextRefused).toBe(true);
      expect(clearTextRefused()).toBe(true);
      expect(rawRow(legacy.id).legal_name).toMatch(/^enc:v1:/);
      expect(view(legacy.id)).toMatchObject({ legalName: "Clear Before", phone: "555-0142" });
      const storedSecret = db
        .select({ secret: twoFactorCredentials.secret })
        .from(twoFactorCredentials)
        .where(eq(twoFactorCredentials.userId, member.userId))
        .get()!.secret;
      expect(storedSecret).toMatch(/^enc:v1:/);
      expect(openTotpSecret(member.userId, storedSecret)).toBe("JBSWY3DPEHPK3PXP");

      // After: a value in clear in a sealed column is refused, not shown.
      db.update(consultants).set({ legalName: "Written Around" }).where(eq(consultants.id, legacy.id)).run();
      expect(() => view(legacy.id)).toThrow(ClearTextRefusedError);
      expect(() => openTotpSecret(member.userId, "JBSWY3DPEHPK3PXP")).toThrow(ClearTextRefusedError);
      // Null and the empty string hide nothing and stay readable.
      db.update(consultants).set({ legalName: "" }).where(eq(consultants.id, legacy.id)).run();
      expect(view(legacy.id)).toMatchObject({ legalName: "", phone: "555-0142" });

      // Running the command again seals a stray value and says it found one.
      db.update(consultants).set({ staffNotes: "Stray note" }).where(eq(consultants.id, legacy.id)).run();
      const again = sealEverySealedColumn(db);
      expect(again.strayClearValues).toBe(1);
      expect(view(legacy.id).staffNotes).toBe("Stray note");
    } finally {
      // Only for the other tests of this file: nothing in the app takes the record back.
      db.delete(fieldEncryptionState).run();
    }
  });

  it("counts what is left in clear in every sealed column, which must be nothing to record it", async () => {
    const org4 = createOrganization();
    resealConsultantFields(db, { mode: "plaintext" });
    expect(clearValuesLeft(db)).toBe(0);
    db.insert(consultants).values({ organizationId: org4.id, preferredName: "Left", phone: "555-0177" }).run();
    // Null and the empty string hide nothing: they are not counted.
    db.insert(consultants)
      .values({ organizationId: org4.id, preferredName: "Empty", phone: "", legalName: null })
      .run();
    const member = await createMember({ organizationId: org4.id, role: "staff" });
    db.insert(twoFactorCredentials).values({ userId: member.userId, secret: "JBSWY3DPEHPK3PXQ" }).run();
    expect(clearValuesLeft(db)).toBe(2);
    const result = sealEverySealedColumn(db);
    expect(result).toMatchObject({ twoFactorSecrets: 1, clearValuesLeft: 0, clearTextRefused: true });
    expect(result.consultants.fromKeys.plaintext).toBe(1);
    expect(clearValuesLeft(db)).toBe(0);
    db.delete(fieldEncryptionState).run();
  });
});
