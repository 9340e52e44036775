// The consent purposes an organization asks about (story, name, photo…) and their wording. A change
// of wording makes a new version, so a choice already made keeps the words it was made on; the
// admin's settings page reads and changes them here.
import { and, asc, desc, eq, isNotNull, isNull, max, sql } from "drizzle-orm";
import { consentPurposes, consentPurposeVersions, users, type Translations } from "../../../db/schema";
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from "../../i18n/config";
import { db, type Executor } from "../../utils/db.server";
import { recordAudit } from "../../utils/audit.server";
import { DEFAULT_CONSENT_PURPOSES } from "../../utils/consent-options";
import { CONSENT_WORDING_FIELDS } from "../../utils/consent-wording";
import { translationFieldName } from "../../utils/translations-form";
import { RuleError } from "../errors";
import { localized, refuseStaleTranslations, sameTranslations, staleTranslations } from "../localized.server";
import { assertMemberCan } from "../membership.server";

/**
 * Gives an organization the default purposes, each at version 1, with the words in other languages
 * `translations` holds by purpose key, if any. Safe to call again.
 */
export function ensureDefaultConsentPurposes(
  tx: Executor,
  organizationId: string,
  translations: Record<string, Translations> = {},
) {
  // One read per organization on every sweep: the usual case is that every default is there already.
  const present = new Set(
    tx
      .select({ key: consentPurposes.systemKey })
      .from(consentPurposes)
      .where(and(eq(consentPurposes.organizationId, organizationId), isNotNull(consentPurposes.systemKey)))
      .all()
      .map((r) => r.key),
  );
  DEFAULT_CONSENT_PURPOSES.forEach((purpose, position) => {
    if (present.has(purpose.systemKey)) return;
    const created = tx
      .insert(consentPurposes)
      .values({
        organizationId,
        systemKey: purpose.systemKey,
        position,
        defaultExpiryMonths: purpose.defaultExpiryMonths,
        asksNameChoice: purpose.asksNameChoice ?? false,
      })
      .returning({ id: consentPurposes.id })
      .get();
    tx.insert(consentPurposeVersions)
      .values({
        organizationId,
        purposeId: created.id,
        version: 1,
        label: purpose.label,
        text: purpose.text,
        translations: translations[purpose.systemKey] ?? {},
      })
      .run();
  });
}

const latestVersionOf = sql`(select max(v2.version) from ${consentPurposeVersions} v2
  where v2.purpose_id = ${consentPurposes.id})`;

/** Purposes joined to their current wording; callers add the where clause. */
function purposesWithCurrentWording(exec: Executor) {
  return exec
    .select({
      id: consentPurposes.id,
      systemKey: consentPurposes.systemKey,
      position: consentPurposes.position,
      defaultExpiryMonths: consentPurposes.defaultExpiryMonths,
      asksNameChoice: consentPurposes.asksNameChoice,
      archivedAt: consentPurposes.archivedAt,
      versionId: consentPurposeVersions.id,
      version: consentPurposeVersions.version,
      label: consentPurposeVersions.label,
      text: consentPurposeVersions.text,
      translations: consentPurposeVersions.translations,
    })
    .from(consentPurposes)
    .innerJoin(
      consentPurposeVersions,
      and(
        eq(consentPurposeVersions.purposeId, consentPurposes.id),
        eq(consentPurposeVersions.version, latestVersionOf),
      ),
    );
}

/** The organization's purposes in order, each with its current wording. */
export function listConsentPurposes(organizationId: string, options: { includeArchived?: boolean } = {}) {
  return purposesWithCurrentWording(db)
    .where(
      and(
        eq(consentPurposes.organizationId, organizationId),
        options.includeArchived ? undefined : isNull(consentPurposes.archivedAt),
      ),
    )
    .orderBy(asc(consentPurposes.position))
    .all();
}
export type ConsentPurpose = ReturnType<typeof listConsentPurposes>[number];

/** A wording as its history shows it, with who wrote it (join users on createdByUserId). */
const wordingColumns = {
  id: consentPurposeVersions.id,
  version: consentPurposeVersions.version,
  label: consentPurposeVersions.label,
  text: consentPurposeVersions.text,
  translations: consentPurposeVersions.translations,
  createdAt: consentPurposeVersions.createdAt,
  createdByName: users.preferredName,
};

/** Every wording a purpose has had, newest first. */
export function listPurposeVersions(organizationId: string, purposeId: string) {
  return db
    .select(wordingColumns)
    .from(consentPurposeVersions)
    .leftJoin(users, eq(users.id, consentPurposeVersions.createdByUserId))
    .where(
      and(eq(consentPurposeVersions.organizationId, organizationId), eq(consentPurposeVersions.purposeId, purposeId)),
    )
    .orderBy(desc(consentPurposeVersions.version))
    .all();
}

export function currentPurpose(tx: Executor, organizationId: string, purposeId: string) {
  const purpose = purposesWithCurrentWording(tx)
    .where(and(eq(consentPurposes.id, purposeId), eq(consentPurposes.organizationId, organizationId)))
    .get();
  if (!purpose || purpose.archivedAt) throw new RuleError("purposeId", "common:consentPurposes.chooseFromList");
  return purpose;
}

/** The audit names a purpose by its key, never by anything a person wrote. */
export const auditField = (purpose: { systemKey: string | null; id: string }) =>
  `consent:${purpose.systemKey ?? purpose.id}`;

type Wording = { label: string; text: string; translations: Translations | null };

/**
 * A version's words for a reader of `language`: theirs when the organization wrote it in full, else
 * the English with `fallback` set. The language it gives is the one a decision records as shown.
 */
export function purposeWording(version: Wording, language: Language) {
  const shown = localized(
    { label: version.label, text: version.text },
    version.translations,
    language,
    CONSENT_WORDING_FIELDS,
  );
  return { label: shown.words.label!, text: shown.words.text!, language: shown.language, fallback: shown.fallback };
}

/** The languages a version is written in, in full: English always, then each translation that is whole. */
export function wordingLanguages(version: Wording): Language[] {
  return LANGUAGES.filter((l) => l === DEFAULT_LANGUAGE || purposeWording(version, l).language === l);
}

/** Which languages' words differ between two versions, for the audit: "label", "text", "translations.es". */
function changedWording(before: Wording, after: Wording) {
  const changed = CONSENT_WORDING_FIELDS.filter((f) => before[f] !== after[f]) as string[];
  for (const language of LANGUAGES) {
    if (language === DEFAULT_LANGUAGE) continue;
    const one = (w: Wording) => ({ [language]: w.translations?.[language] ?? {} });
    if (!sameTranslations(one(before), one(after))) changed.push(`translations.${language}`);
  }
  return changed;
}

export function addConsentPurpose(args: {
  organizationId: string;
  actorUserId: string;
  label: string;
  text: string;
  /** The same words in other languages; each one whole (the form refuses half of one). */
  translations?: Translations;
  defaultExpiryMonths: number | null;
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  return db.transaction((tx) => {
    const last = tx
      .select({ position: max(consentPurposes.position) })
      .from(consentPurposes)
      .where(eq(consentPurposes.organizationId, args.organizationId))
      .get();
    const purpose = tx
      .insert(consentPurposes)
      .values({
        organizationId: args.organizationId,
        position: (last?.position ?? -1) + 1,
        defaultExpiryMonths: args.defaultExpiryMonths,
      })
      .returning({ id: consentPurposes.id })
      .get();
    tx.insert(consentPurposeVersions)
      .values({
        organizationId: args.organizationId,
        purposeId: purpose.id,
        version: 1,
        label: args.label,
        text: args.text,
        translations: args.translations ?? {},
        createdByUserId: args.actorUserId,
      })
      .run();
    recordAudit(tx, {
      actorUserId: args.actorUserId,
      organizationId: args.organizationId,
      action: "consent_purpose.added",
      subjectType: "consent_purpose",
      subjectId: purpose.id,
      changedFields: [
        "label",
        "text",
        ...Object.keys(args.translations ?? {}).map((l) => `translations.${l}`),
        "defaultExpiryMonths",
      ],
    });
    return purpose.id;
  });
}

/**
 * New wording, in any language, makes a new version; consents already given keep showing the words
 * agreed to, in the language they were given in. The expiry setting is not part of the wording and
 * changes in place. Returns the version in force. Left out, `translations` stay as they are.
 * New English with a translation kept as it was is refused, unless staff said in `stillSame` that
 * the translation still says the same: otherwise its readers would agree to the old meaning.
 */
export function reviseConsentPurpose(args: {
  organizationId: string;
  actorUserId: string;
  purposeId: string;
  label: string;
  text: string;
  translations?: Translations;
  /** The languages staff say still say the same as the new English. */
  stillSame?: Language[];
  defaultExpiryMonths: number | null;
}) {
  assertMemberCan(args.organizationId, args.actorUserId, "settings:manage");
  return db.transaction((tx) => {
    const purpose = currentPurpose(tx, args.organizationId, args.purposeId);
    const changed: string[] = [];
    let version = purpose.version;
    const wording = { label: args.label, text: args.text, translations: args.translations ?? purpose.translations };
    refuseStaleTranslations(
      staleTranslations(
        { label: purpose.label, text: purpose.text },
        { label: args.label, text: args.text },
        purpose.translations,
        wording.translations,
        args.stillSame ?? [],
      ),
      (stale) => translationFieldName(stale.language, stale.field),
    );
    const wordingChanged = changedWording(purpose, wording);
    if (wordingChanged.length > 0) {
      version = purpose.version + 1;
      tx.insert(consentPurposeVersions)
        .values({
          organizationId: args.organizationId,
          purposeId: purpose.id,
          version,
          ...wording,
          createdByUserId: args.actorUserId,
        })
        .run();
      changed.push(...wordingChanged);
    }
    if (purpose.defaultExpiryMonths !== args.defaultExpiryMonths) {
      tx.update(consentPurposes)
        .set({ defaultExpiryMonths: args.defaultExpiryMonths })
        .where(eq(consentPurposes.id, purpose.id))
        .run();
      changed.push("defaultExpiryMonths");
    }
    if (changed.length > 0) {
      recordAudit(tx, {
        actorUserId: args.actorUserId,
        organizationId: args.organizationId,
        action: "consent_purpose.revised",
        subjectType: "consent_purpose",
        subjectId: purpose.id,
        changedFields: changed,
      });
    }
    return { version, changed };
  });
}

/**
 * The settings page: each purpose in order with its current wording and every earlier wording,
 * newest first. One query for all versions rather than one per purpose.
 */
export function consentWordingSettings(organizationId: string) {
  const purposes = listConsentPurposes(organizationId);
  const versions = db
    .select({ ...wordingColumns, purposeId: consentPurposeVersions.purposeId })
    .from(consentPurposeVersions)
    .innerJoin(consentPurposes, eq(consentPurposes.id, consentPurposeVersions.purposeId))
    .leftJoin(users, eq(users.id, consentPurposeVersions.createdByUserId))
    .where(eq(consentPurposes.organizationId, organizationId))
    .orderBy(asc(consentPurposes.position), desc(consentPurposeVersions.version))
    .all();
  return purposes.map((purpose) => ({
    ...purpose,
    languages: wordingLanguages(purpose),
    earlier: versions
      .filter((v) => v.purposeId === purpose.id && v.version < purpose.version)
      .map((v) => ({ ...v, languages: wordingLanguages(v) })),
  }));
}
export type ConsentWordingSetting = ReturnType<typeof consentWordingSettings>[number];

// Stories, images, recordings and press contact identify a person in public: the publication
// standard is a consent that ends within three years, so these keep an end date.
const KEEP_AN_END = new Set(DEFAULT_CONSENT_PURPOSES.filter((p) => p.defaultExpiryMonths).map((p) => p.systemKey));

/** Changes a purpose's wording or usual end, keeping an end for the purposes that must have one. */
export function reviseConsentWording(args: Parameters<typeof reviseConsentPurpose>[0]) {
  const purpose = listConsentPurposes(args.organizationId).find((p) => p.id === args.purposeId);
  if (!purpose) throw new RuleError("purposeId", "staff:consentSettings.errors.notOnList");
  if (args.defaultExpiryMonths === null && purpose.systemKey && KEEP_AN_END.has(purpose.systemKey)) {
    throw new RuleError("defaultExpiryMonths", "staff:consentSettings.errors.needsAnEnd");
  }
  return reviseConsentPurpose(args);
}

/**
 * Adds a purpose unless one of that name is already on the list (in any capitals): a resent form
 * or a second click adds nothing, and nobody is asked the same question twice.
 */
export function addConsentPurposeOnce(args: Parameters<typeof addConsentPurpose>[0]) {
  const name = args.label.trim().toLocaleLowerCase();
  const existing = listConsentPurposes(args.organizationId).find((p) => p.label.trim().toLocaleLowerCase() === name);
  if (existing) throw new RuleError("label", "staff:consentSettings.errors.nameTaken");
  return addConsentPurpose(args);
}
